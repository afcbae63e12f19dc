//! The lesson panel: the lesson's title, `Step 2 of 6` and the tally, the step's caption
//! wrapped to the panel, then the open question with its numbered choices, or what the step
//! did (the scripted mode's exact lines), the verdict on the prediction and the note; the
//! bottom border says what `.` does next. With the quiz on and no lesson it shows the quiz.
//!
//! ```text
//! ┌ Token refresh in a REST API ───────────────────── Step 4 of 6 ┐
//! │4. Refresh alice, then print 'Refreshed token for alice: '      │
//! │followed by her token.                                          │
//! │Predict: Will alice get a new token?                            │
//! │1 refreshed  2 still valid   (. reveals)                        │
//! └──────────────────────────────────────────── . reveal  , back ──┘
//! ```

use super::log::wrap_words;
use crate::domain::Reveal;
use crate::tui::app::App;
use crate::tui::theme::Theme;
use crate::words;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::Line;
use ratatui::widgets::{Block, Paragraph};

/// What the panel holds, before wrapping: the caption (cut first when rows are short) and the
/// lines after it.
struct Content {
    title: String,
    right: String,
    hint: String,
    caption: Option<String>,
    tail: Vec<(String, Style)>,
}

fn content(app: &App) -> Option<Content> {
    let theme = app.theme();
    let guiding = app.guiding();
    let strong = theme.newest_result.add_modifier(Modifier::BOLD);
    let mut tail = Vec::new();
    let asking = app.asking();
    if let Some(asking) = asking {
        tail.push((format!("Predict: {}", asking.question.text), strong));
        tail.push((
            format!(
                "{}   (. reveals, Esc closes)",
                words::choices(&asking.question.choices)
            ),
            theme.help_key,
        ));
    }
    let quiz_tally = guiding.quiz.as_ref().and_then(|q| q.tally());
    if let Some(progress) = &guiding.lesson
        && progress.before_start
    {
        let mut right = vec![progress.position()];
        right.extend(quiz_tally.map(|t| format!("quiz {t}")));
        let hint = match progress.next().and_then(|s| s.action.as_ref()) {
            Some(action) => format!(" . step 1: {} ", action.command),
            None => " . step 1 ".to_owned(),
        };
        return Some(Content {
            title: format!(" {} ", progress.lesson.title),
            right: format!(" {} ", right.join(" · ")),
            hint,
            caption: Some("The scenario as loaded. Press . to start the lesson.".to_owned()),
            tail,
        });
    }
    if let Some(progress) = &guiding.lesson {
        let step = progress.step()?;
        let mut right = vec![progress.position()];
        right.extend(progress.tally());
        right.extend(quiz_tally.map(|t| format!("quiz {t}")));
        // An open question (the step's, or the quiz's between steps) takes the place of the
        // step's outcome.
        if asking.is_none() {
            if progress.done {
                push_result(&mut tail, &guiding.lines, guiding.reveal.as_ref(), &theme);
                if let Some(note) = &step.note {
                    tail.push((note.clone(), theme.row));
                }
            } else if let Some(action) = &step.action {
                tail.push((
                    format!("not done yet: . does {}", action.command),
                    theme.older_result,
                ));
            }
        }
        let hint = if let Some(asking) = asking {
            format!(
                " {} predict  . reveal  , back ",
                choice_keys(asking.question.choices.len())
            )
        } else if !progress.done {
            " . do it  , back ".to_owned()
        } else {
            match progress.next() {
                Some(next) => match &next.action {
                    Some(action) => format!(" . next: {}  , back ", action.command),
                    None => " . next step  , back ".to_owned(),
                },
                None => " end of the lesson  , back ".to_owned(),
            }
        };
        return Some(Content {
            title: format!(" {} ", progress.lesson.title),
            right: format!(" {} ", right.join(" · ")),
            hint,
            caption: Some(step.say.clone()),
            tail,
        });
    }
    let quiz = guiding.quiz.as_ref()?;
    if asking.is_none() {
        match &quiz.last {
            Some((reveal, lines)) => {
                tail.push((reveal.question.text.clone(), theme.older_result));
                push_result(&mut tail, lines, Some(reveal), &theme);
            }
            None => tail.push((
                "Every refresh (r, R) and clock move (→ ← t N Space) asks for a prediction first."
                    .to_owned(),
                theme.row,
            )),
        }
    }
    Some(Content {
        title: " Quiz ".to_owned(),
        right: quiz.tally().map_or(String::new(), |t| format!(" {t} ")),
        hint: if let Some(asking) = asking {
            format!(
                " {} predict  . reveal ",
                choice_keys(asking.question.choices.len())
            )
        } else {
            " Q ends the quiz ".to_owned()
        },
        caption: None,
        tail,
    })
}

/// The keys that pick a choice: `1 2`, or `1 2 3` for a question with three.
fn choice_keys(count: usize) -> String {
    (1..=count)
        .map(|n| n.to_string())
        .collect::<Vec<_>>()
        .join(" ")
}

/// What an operation printed, then the verdict on the prediction.
fn push_result(
    tail: &mut Vec<(String, Style)>,
    lines: &[String],
    reveal: Option<&Reveal>,
    theme: &Theme,
) {
    let strong = theme.newest_result.add_modifier(Modifier::BOLD);
    tail.extend(lines.iter().map(|line| (line.clone(), strong)));
    if let Some(reveal) = reveal {
        let style = match reveal.is_right() {
            Some(true) => theme.valid,
            Some(false) => theme.expired,
            None => theme.row,
        };
        tail.push((words::verdict(reveal), style.add_modifier(Modifier::BOLD)));
    }
}

/// The panel's wrapped lines at `width` (inside the borders): caption, then the rest.
fn wrapped(content: &Content, width: usize) -> (Vec<String>, Vec<(String, Style)>) {
    let caption = content
        .caption
        .as_deref()
        .map_or_else(Vec::new, |c| wrap_words(c, width));
    let tail = content
        .tail
        .iter()
        .flat_map(|(text, style)| wrap_words(text, width).into_iter().map(|l| (l, *style)))
        .collect();
    (caption, tail)
}

/// The rows the panel would like at this terminal width, borders included; 0 when there is no
/// lesson and no quiz.
pub fn rows(app: &App, width: u16) -> u16 {
    let Some(content) = content(app) else {
        return 0;
    };
    let (caption, tail) = wrapped(&content, usize::from(width.saturating_sub(2)));
    u16::try_from(caption.len() + tail.len() + 2).unwrap_or(u16::MAX)
}

pub fn render(frame: &mut Frame, area: Rect, app: &App) {
    let Some(content) = content(app) else {
        return;
    };
    let theme = app.theme();
    let (mut caption, mut tail) = wrapped(&content, usize::from(area.width.saturating_sub(2)));
    // Short of rows, the caption gives way (ending in `…`) down to its first line: the
    // question and the verdict stay.
    let room = usize::from(area.height.saturating_sub(2));
    let keep = room.saturating_sub(tail.len()).max(room.min(1));
    if caption.len() > keep {
        caption.truncate(keep);
        let width = usize::from(area.width.saturating_sub(2));
        if let Some(last) = caption.last_mut() {
            *last = super::fit(&format!("{last} …"), width);
        }
    }
    // Still short, the last lines (a long note) give way, and the last one kept says so.
    let tail_room = room.saturating_sub(caption.len());
    if tail.len() > tail_room && tail_room > 0 {
        tail.truncate(tail_room);
        let width = usize::from(area.width.saturating_sub(2));
        if let Some((last, _)) = tail.last_mut() {
            *last = super::fit(&format!("{last} …"), width);
        }
    }
    let lines: Vec<Line> = caption
        .into_iter()
        .map(|l| Line::styled(l, theme.row))
        .chain(tail.into_iter().map(|(l, style)| Line::styled(l, style)))
        .collect();
    let block = Block::bordered()
        .border_style(theme.border)
        .title(Line::styled(content.title, theme.title))
        .title(Line::styled(content.right, theme.title).right_aligned())
        .title_bottom(Line::styled(content.hint, theme.footer_key).right_aligned());
    frame.render_widget(Paragraph::new(lines).block(block), area);
}

use super::*;

fn around(rows: usize, users: usize, selected: usize, offset: usize) -> Range<usize> {
    Window::around(rows, users, selected, offset).range()
}

#[test]
fn no_users_or_no_rows_is_an_empty_window() {
    assert_eq!(around(8, 0, 0, 0), 0..0);
    assert_eq!(around(8, 0, 5, 7), 0..0, "a stale selection and offset");
    assert_eq!(around(0, 100, 50, 40), 0..0);
}

#[test]
fn fewer_users_than_rows_shows_them_all_from_the_first() {
    assert_eq!(around(8, 3, 2, 0), 0..3);
    assert_eq!(around(8, 3, 0, 5), 0..3, "an offset past the users");
}

#[test]
fn the_view_moves_only_as_far_as_the_selection_needs() {
    assert_eq!(around(8, 100, 7, 0), 0..8, "the last row in view");
    assert_eq!(around(8, 100, 8, 0), 1..9, "one below: one row down");
    assert_eq!(around(8, 100, 10, 5), 5..13, "in view: no move");
    assert_eq!(around(8, 100, 4, 5), 4..12, "one above: one row up");
    assert_eq!(around(8, 100, 50, 0), 43..51, "far below: it ends the view");
    assert_eq!(
        around(8, 100, 3, 50),
        3..11,
        "far above: it starts the view"
    );
}

#[test]
fn a_selection_at_or_past_the_end_shows_the_last_page() {
    assert_eq!(around(8, 100, 99, 0), 92..100);
    assert_eq!(around(8, 100, 500, 0), 92..100, "counts as the last user");
    assert_eq!(around(8, 1, 0, 0), 0..1);
}

#[test]
fn an_offset_is_clamped_so_no_row_is_empty_while_users_are_hidden() {
    assert_eq!(around(8, 100, 95, 1000), 92..100);
    assert_eq!(around(8, 100, 95, 93), 92..100);
    assert_eq!(around(8, 10, 9, 9), 2..10);
}

#[test]
fn resizing_keeps_the_selection_and_fills_the_rows() {
    // Smaller: the selection at the bottom of the view stays at the bottom.
    assert_eq!(around(8, 100, 17, 10), 10..18);
    assert_eq!(around(4, 100, 17, 10), 14..18);
    // Smaller with the selection at the top: the view keeps its first user.
    assert_eq!(around(4, 100, 10, 10), 10..14);
    // Larger: grows downwards, then upwards once the last user is in view.
    assert_eq!(around(20, 100, 17, 10), 10..30);
    assert_eq!(around(20, 100, 95, 92), 80..100);
    assert_eq!(around(200, 100, 95, 92), 0..100);
}

#[test]
fn the_wheel_scrolls_within_the_users_and_the_selection_follows() {
    let view = Window::scrolled(8, 100, 3);
    assert_eq!(view.range(), 3..11);
    assert_eq!(view.nearest(0), 3);
    assert_eq!(view.nearest(50), 10);
    assert_eq!(view.nearest(5), 5);
    assert_eq!(Window::scrolled(8, 100, 1000).range(), 92..100);
    assert_eq!(Window::scrolled(8, 3, 2).range(), 0..3);
    assert_eq!(Window::scrolled(8, 0, 2).range(), 0..0);
    assert_eq!(Window::default().nearest(4), 0);
}

#[test]
fn a_smaller_window_within_keeps_the_selection_and_stays_inside() {
    let table = Window::around(8, 100, 12, 10);
    assert_eq!(table.range(), 10..18);
    assert_eq!(table.within(4, 12).range(), 10..14, "from the table's top");
    assert_eq!(
        table.within(4, 17).range(),
        14..18,
        "the selection at the end"
    );
    assert_eq!(
        table.within(20, 17).range(),
        10..18,
        "never more than the table"
    );
    assert_eq!(table.within(0, 12).range(), 10..10);
    assert_eq!(Window::default().within(4, 3).range(), 0..0);
}

/// Content like the lesson's: a 64-column table, a clock that wants 11 rows when narrow and
/// 12 with large digits, a 44-column why panel.
struct Fake {
    users: usize,
}

impl Content for Fake {
    fn users(&self) -> usize {
        self.users
    }
    fn table_width(&self, _: Range<usize>) -> u16 {
        64
    }
    fn clock_rows(&self, width: u16) -> u16 {
        if width >= 24 { 12 } else { 11 }
    }
    fn why_width(&self) -> u16 {
        44
    }
}

fn geometry(width: u16, height: u16, users: usize) -> Geometry {
    Geometry::new(Rect::new(0, 0, width, height), &Fake { users }, 0, 0)
        .unwrap_or_else(|| panic!("{width}×{height} fits"))
}

/// The heights of the table, the panels and the results.
fn heights(width: u16, height: u16, users: usize) -> (u16, u16, u16) {
    let g = geometry(width, height, users);
    let panels = g.panels.map_or(0, |p| p.timeline.height);
    (g.table.height, panels, g.log.height)
}

#[test]
fn a_few_users_leave_the_room_to_the_panels_and_the_results() {
    // Three users want 6 rows; the clock beside them wants 11 or 12.
    assert_eq!(heights(120, 40, 3), (12, 8, 19), "not 26, 8, 5");
    assert_eq!(heights(100, 30, 3), (12, 8, 9));
    assert_eq!(
        heights(80, 24, 3),
        (10, 8, 5),
        "80×24 is tight: the clock gives a row so the results keep three lines"
    );
    assert_eq!(geometry(120, 40, 3).table_rows, 9);
    // Without the clock panel the table is only as tall as its users.
    assert_eq!(heights(40, 12, 3), (6, 0, 4));
    assert_eq!(heights(60, 24, 3), (6, 0, 16));
}

#[test]
fn more_users_get_more_rows_and_the_timeline_a_lane_each() {
    let g = geometry(120, 40, 10);
    assert_eq!(g.table.height, 13);
    assert_eq!(g.users.range(), 0..10);
    assert_eq!(g.timeline_users.range(), 0..10, "a lane for every user");
    assert_eq!(g.log.height, 40 - 1 - 13 - 14);
    // At 100×30 the table still has every user; the timeline as many as leave the results
    // their three lines.
    let g = geometry(100, 30, 10);
    assert_eq!(g.users.range(), 0..10);
    assert_eq!(g.log.height, 5);
    assert_eq!(g.timeline_users.range(), 0..7);
}

#[test]
fn many_users_take_the_room_and_leave_the_panels_their_least() {
    assert_eq!(heights(120, 40, 1_000_000), (26, 8, 5));
    assert_eq!(heights(80, 24, 1_000_000), (10, 8, 5));
    assert_eq!(heights(79, 24, 1_000_000), (16, 0, 7));
    let g = geometry(120, 40, 1_000_000);
    assert_eq!(g.table_rows, 23);
    assert_eq!(g.timeline_users.range(), 0..4);
}

#[test]
fn no_users_get_one_row_and_no_lanes() {
    let g = geometry(120, 40, 0);
    assert_eq!(g.table_rows, 9, "as tall as the clock beside it");
    assert_eq!(g.users, Window::default());
    assert_eq!(g.timeline_users, Window::default());
    assert_eq!(heights(40, 12, 0), (4, 0, 6));
}

#[test]
fn too_small_is_none() {
    let fake = Fake { users: 3 };
    for (width, height) in [(23, 40), (120, 8), (1, 1), (0, 0)] {
        let area = Rect::new(0, 0, width, height);
        assert_eq!(Geometry::new(area, &fake, 0, 0), None, "{width}×{height}");
    }
    assert!(Geometry::new(Rect::new(0, 0, 24, 9), &fake, 0, 0).is_some());
}

/// At every size, for every selection: the bands fill the screen, the table shows as many
/// users as it has rows (or all of them), the selection is in view, and the timeline's users
/// are among the table's.
#[test]
fn every_size_fills_the_screen_and_keeps_the_timelines_users_among_the_tables() {
    for width in (24..=130).step_by(9) {
        for height in 9..=45 {
            for users in [0, 1, 3, 10, 40, 1000] {
                for (selected, offset) in [(0, 0), (users / 2, 0), (users, 0), (0, users)] {
                    let area = Rect::new(0, 0, width, height);
                    let Some(g) = Geometry::new(area, &Fake { users }, selected, offset) else {
                        assert!(width < 80 || height < 22, "{width}×{height} fits");
                        continue;
                    };
                    let at = format!("{width}×{height}, {users} users, {selected}@{offset}");
                    let panels = g.panels.map_or(0, |p| p.why.height);
                    assert_eq!(g.explaining, None, "{at}: no lesson, both panels or none");
                    let view = View {
                        width,
                        height,
                        users,
                        lesson: None,
                    };
                    assert_eq!(g.users, view.window(selected, offset), "{at}: the app's");
                    let clock = match g.clock {
                        ClockArea::Line(_) => 1,
                        ClockArea::Panel(_) => 0,
                    };
                    let total = clock + g.table.height + panels + g.log.height + 1;
                    assert_eq!(total, height, "{at}");
                    assert_eq!(g.table_body().height, g.table.height - TABLE_CHROME, "{at}");
                    assert_eq!(g.table_rows, usize::from(g.table_body().height), "{at}");
                    assert_eq!(g.users.count, g.table_rows.min(users), "{at}");
                    assert!(g.users.end() <= users, "{at}");
                    let t = g.timeline_users;
                    assert!(g.users.first <= t.first && t.end() <= g.users.end(), "{at}");
                    if users > 0 {
                        let selected = selected.min(users - 1);
                        assert!(g.users.range().contains(&selected), "{at}");
                        if t.count > 0 {
                            assert!(t.range().contains(&selected), "{at}");
                        }
                    }
                    if let Some(p) = g.panels {
                        let lanes = usize::from(p.timeline.height - TIMELINE_CHROME);
                        assert_eq!(t.count, lanes.min(g.users.count), "{at}");
                    }
                }
            }
        }
    }
}

/// The lesson panel's content: three users and a lesson that wants `rows`.
struct WithLesson {
    rows: u16,
}

impl Content for WithLesson {
    fn users(&self) -> usize {
        3
    }
    fn table_width(&self, _: Range<usize>) -> u16 {
        64
    }
    fn clock_rows(&self, _: u16) -> u16 {
        12
    }
    fn why_width(&self) -> u16 {
        44
    }
    fn lesson_rows(&self, _: u16) -> u16 {
        self.rows
    }
}

fn with_lesson(width: u16, height: u16, rows: u16) -> Geometry {
    Geometry::new(Rect::new(0, 0, width, height), &WithLesson { rows }, 0, 0).unwrap()
}

#[test]
fn the_lesson_panel_takes_its_rows_from_the_results_and_leaves_the_table_alone() {
    let without = with_lesson(100, 30, 0);
    assert_eq!(without.lesson, None);
    let with = with_lesson(100, 30, 6);
    assert_eq!(with.table, without.table);
    assert_eq!(with.panels, without.panels);
    let lesson = with.lesson.unwrap();
    assert_eq!(lesson.height, 6);
    assert_eq!(
        lesson.y, without.log.y,
        "between the panels and the results"
    );
    assert_eq!(with.log.height, without.log.height - 6);
    // Wanting more than the results can give: they keep one line (three rows).
    let greedy = with_lesson(100, 30, 20);
    assert_eq!(greedy.log.height, 3);
    assert_eq!(greedy.lesson.unwrap().height, without.log.height - 3);
    assert!(greedy.panels.is_some());
}

#[test]
fn the_panels_make_way_for_a_lesson_the_results_cannot_hold() {
    // At 80×24 the results have five rows: not enough, so the why panel and the timeline go.
    let without = with_lesson(80, 24, 0);
    assert!(without.panels.is_some());
    let with = with_lesson(80, 24, 7);
    assert_eq!(with.panels, None);
    assert_eq!(with.table, without.table);
    assert_eq!(with.lesson.unwrap().height, 7);
    assert!(with.log.height >= 3);
    // Too small for even a line of lesson: none, rather than two borders.
    let tiny = with_lesson(30, 10, 7);
    assert_eq!(tiny.lesson, None);
}

/// Content with a lesson on, whose why panel and timeline want `why` and one lane a user.
struct Lesson {
    users: usize,
    explains: Explains,
    lesson_rows: u16,
    why: u16,
}

impl Content for Lesson {
    fn users(&self) -> usize {
        self.users
    }
    fn lesson(&self) -> Option<Explains> {
        Some(self.explains)
    }
    fn table_width(&self, _: Range<usize>) -> u16 {
        64
    }
    fn clock_rows(&self, _: u16) -> u16 {
        11
    }
    fn why_width(&self) -> u16 {
        44
    }
    fn lesson_rows(&self, _: u16) -> u16 {
        self.lesson_rows
    }
    fn why_rows(&self, _: u16) -> u16 {
        self.why
    }
}

fn lesson(width: u16, height: u16, content: &Lesson, selected: usize) -> Geometry {
    Geometry::new(Rect::new(0, 0, width, height), content, selected, 0).unwrap()
}

#[test]
fn a_lesson_at_80x24_keeps_the_why_panel_with_a_one_line_clock_and_three_table_rows() {
    let content = Lesson {
        users: 3,
        explains: Explains::Why,
        lesson_rows: 7,
        why: 8,
    };
    let g = lesson(80, 24, &content, 0);
    assert_eq!(g.clock, ClockArea::Line(Rect::new(0, 0, 80, 1)));
    assert_eq!(g.table_rows, 3);
    assert_eq!(g.users.range(), 0..3);
    assert_eq!(g.panels, None);
    assert_eq!(
        g.explaining,
        Some((Explains::Why, Rect::new(0, 7, 80, 8))),
        "the whole width, as tall as its lines"
    );
    assert_eq!(
        g.lesson.map(|l| l.height),
        Some(5),
        "three lines of the lesson"
    );
    assert_eq!(g.log.height, 3, "one result line");
    assert_eq!(g.timeline_users, Window::default(), "no timeline");
}

#[test]
fn a_clock_move_in_a_lesson_at_80x24_keeps_the_timeline_and_a_lane_a_user() {
    let content = Lesson {
        users: 3,
        explains: Explains::Timeline,
        lesson_rows: 7,
        why: 8,
    };
    let g = lesson(80, 24, &content, 2);
    let Some((Explains::Timeline, timeline)) = g.explaining else {
        panic!("the timeline explains a clock move: {g:?}");
    };
    assert_eq!(timeline.height, 3 + TIMELINE_CHROME);
    assert_eq!(g.timeline_users.range(), 0..3);
    assert_eq!(
        g.lesson.map(|l| l.height),
        Some(6),
        "the row the timeline leaves"
    );
    assert_eq!(g.log.height, 3);
}

#[test]
fn many_users_in_a_lesson_at_80x24_show_three_around_the_selection_and_page_by_three() {
    let content = Lesson {
        users: 100,
        explains: Explains::Why,
        lesson_rows: 7,
        why: 8,
    };
    let g = lesson(80, 24, &content, 50);
    assert_eq!(
        g.users.range(),
        48..51,
        "the selection at the bottom of the view"
    );
    let view = View {
        width: 80,
        height: 24,
        users: 100,
        lesson: Some(Explains::Why),
    };
    assert_eq!(view.page(), 3);
    assert_eq!(
        view.window(50, 0),
        g.users,
        "the app's window is the screen's"
    );
    // From 30 rows on a lesson keeps the clock panel and both panels.
    let g = lesson(100, 30, &content, 50);
    assert!(matches!(g.clock, ClockArea::Panel(_)));
    assert!(g.panels.is_some() && g.explaining.is_none());
}

#[test]
fn the_panels_get_the_rows_their_content_needs_before_the_results() {
    // A why panel with 14 lines (a race's every check) at 120×40: it gets them, the results
    // the rest; the table keeps the rows the clock beside it wants.
    struct Race;
    impl Content for Race {
        fn users(&self) -> usize {
            3
        }
        fn table_width(&self, _: Range<usize>) -> u16 {
            80
        }
        fn clock_rows(&self, _: u16) -> u16 {
            16
        }
        fn why_width(&self) -> u16 {
            50
        }
        fn why_rows(&self, _: u16) -> u16 {
            16
        }
        fn timeline_rows(&self, shown: Range<usize>) -> u16 {
            2 * u16::try_from(shown.len()).unwrap() + TIMELINE_CHROME
        }
    }
    let g = Geometry::new(Rect::new(0, 0, 120, 40), &Race, 0, 0).unwrap();
    let panels = g.panels.unwrap();
    assert_eq!(panels.why.height, 16, "every line of the why panel");
    assert_eq!(g.table.height, 16, "the clock still gets what it wants");
    assert_eq!(g.log.height, 40 - 1 - 16 - 16);
    // At 100×30 the clock keeps its rows; the panels get what leaves the results three lines.
    let g = Geometry::new(Rect::new(0, 0, 100, 30), &Race, 0, 0).unwrap();
    assert_eq!(g.table.height, 16);
    assert_eq!(g.panels.unwrap().why.height, 30 - 1 - 16 - 5);
    assert_eq!(g.log.height, 5);
}

/// With a lesson on, at every size and selection: the bands fill the screen, one explaining
/// panel below 30 rows (or none when too small), the table's users are the app's window.
#[test]
fn every_size_with_a_lesson_fills_the_screen_and_the_app_pages_the_screens_window() {
    for width in (24..=130).step_by(13) {
        for height in 9..=45 {
            for users in [0, 1, 3, 40] {
                for explains in [Explains::Why, Explains::Timeline] {
                    let content = Lesson {
                        users,
                        explains,
                        lesson_rows: 7,
                        why: 8,
                    };
                    for selected in [0, users / 2, users] {
                        let area = Rect::new(0, 0, width, height);
                        let Some(g) = Geometry::new(area, &content, selected, 0) else {
                            continue;
                        };
                        let at = format!("{width}×{height}, {users} users, {explains:?}");
                        let clock = match g.clock {
                            ClockArea::Line(_) => 1,
                            ClockArea::Panel(_) => 0,
                        };
                        let panels = g.panels.map_or(0, |p| p.why.height)
                            + g.explaining.map_or(0, |(_, r)| r.height);
                        let lesson = g.lesson.map_or(0, |r| r.height);
                        let total = clock + g.table.height + panels + lesson + g.log.height + 1;
                        assert_eq!(total, height, "{at}");
                        let compact = width >= 80 && (22..30).contains(&height);
                        assert_eq!(g.explaining.is_some(), compact, "{at}: {g:?}");
                        if compact {
                            assert!(g.table_rows >= users.clamp(1, 3), "{at}");
                            assert_eq!(g.explaining.map(|(e, _)| e), Some(explains), "{at}");
                        }
                        let view = View {
                            width,
                            height,
                            users,
                            lesson: Some(explains),
                        };
                        assert_eq!(g.users, view.window(selected, 0), "{at}");
                    }
                }
            }
        }
    }
}

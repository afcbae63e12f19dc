"""The lesson's own mechanism over a roster: csv.DictReader, then refresh_token per user.

Prints what `tokenclock --users ROSTER --exec refresh-all` prints, line for line. A duplicate
user exits with status 2, as tokenclock refuses one. Usage: python3 lesson.py ROSTER.csv
"""
import csv
import sys

current_time = 120
tokens = {}


def refresh_token(user):
    """The lesson's refresh rule: a token that expired before now is replaced."""
    if tokens[user]["expiry"] < current_time:
        tokens[user]["token"] = "newtoken123"
        tokens[user]["expiry"] = current_time + 100
        return True
    return False


with open(sys.argv[1], newline="") as f:
    for row in csv.DictReader(f):
        if row["user"] in tokens:
            sys.exit(2)
        tokens[row["user"]] = {"token": row["token"], "expiry": int(row["expiry"])}

out = sys.stdout
for user in tokens:
    if refresh_token(user):
        out.write(f"Refreshed token for {user}: {tokens[user]['token']}\n")
    else:
        out.write(
            f"Token for {user} is still valid: {tokens[user]['token']} "
            f"(expires at {tokens[user]['expiry']})\n"
        )

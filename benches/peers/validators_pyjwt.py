"""PyJWT over the validators grid: prints `pyjwt LEEWAY OFFSET accepted|rejected` per case, where
OFFSET is exp - now in seconds (a fraction: exp is now + OFFSET with a fractional part).
Each case reads the clock before and after and is tried again when the second changed."""
import sys
import time

import jwt

SECRET = "tokenclock differential test, 32+ bytes"
LEEWAYS = [0, 1, 5, 60]
FRACTIONS = [-1.6, -1.4, -0.6, -0.4, 0.4, 0.6]


def offsets(leeway):
    grid = {-leeway - 2, -leeway - 1, -leeway, -leeway + 1, -2, -1, 0, 1, 2, 300}
    return sorted(grid)


def judged(claims_of, leeway):
    while True:
        before = int(time.time())
        token = jwt.encode(claims_of(before), SECRET, algorithm="HS256")
        try:
            jwt.decode(token, SECRET, algorithms=["HS256"], leeway=leeway)
            accepted = True
        except jwt.InvalidTokenError as e:
            accepted = False
            reason = str(e)
        if int(time.time()) == before:
            return "accepted" if accepted else "rejected (%s)" % reason


def main():
    print("# PyJWT %s" % jwt.__version__)
    for leeway in LEEWAYS:
        for offset in offsets(leeway):
            print("pyjwt %d %d %s" % (leeway, offset, judged(lambda now: {"exp": now + offset}, leeway)))
    for offset in FRACTIONS:
        print("pyjwt 0 %.1f %s" % (offset, judged(lambda now: {"exp": now + offset}, 0)))
    print("pyjwt 0 iat+100 %s" % judged(lambda now: {"exp": now + 600, "iat": now + 100}, 0))
    print("pyjwt 0 nbf+100 %s" % judged(lambda now: {"exp": now + 600, "nbf": now + 100}, 0))
    print("pyjwt 0 no-exp %s" % judged(lambda now: {"iat": now}, 0))


if __name__ == "__main__":
    sys.exit(main())

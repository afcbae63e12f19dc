# The one-line awk program a shell user would write instead of tokenclock's refresh-all
# (issue 12): split on commas, refuse a duplicate user, print the same lines.
# Usage: mawk -f refresh_all.awk ROSTER.csv
BEGIN{FS=","} NR>1{if($1 in seen)exit 2; seen[$1]=1; if($3<120) print "Refreshed token for " $1 ": newtoken123"; else print "Token for " $1 " is still valid: " $2 " (expires at " $3 ")"}

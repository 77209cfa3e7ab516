#!/bin/sh
# tests/fuzz/run.sh TARGET SECONDS: run build/fuzz/fuzz_TARGET under
# libFuzzer until it has used SECONDS of CPU time (user + system), over
# build/fuzz/corpus/TARGET, crashes kept in build/fuzz/crashes/.
#
# libFuzzer's -max_total_time counts wall-clock seconds, which on a shared
# machine, or for a target that waits on its project file, is not the CPU
# time asked for: so it runs in sessions, each for the CPU time still
# owed, until the budget is spent.  Prints the executions, the CPU time
# and the peak memory; exits 1 when an input crashed it.
set -u
t=$1
budget=$2
bin=build/fuzz/fuzz_$t
corpus=build/fuzz/corpus/$t
log=$(mktemp)
tm=$(mktemp)
trap 'rm -f "$log" "$tm"' EXIT
used=0 runs=0 sessions=0 peak=0 cov=""
while [ "$used" -lt "$budget" ]; do
	left=$((budget - used))
	/usr/bin/time -f '%U %S %M' -o "$tm" "$bin" -max_total_time="$left" \
		-timeout=10 -rss_limit_mb=2048 -max_len=65536 \
		-artifact_prefix=build/fuzz/crashes/"$t"- -print_final_stats=1 \
		"$corpus" >"$log" 2>&1
	rc=$?
	sessions=$((sessions + 1))
	cpu=$(awk 'END { printf "%d", $1 + $2 }' "$tm")
	kb=$(awk 'END { print $3 }' "$tm")
	[ "$kb" -gt "$peak" ] && peak=$kb
	n=$(awk '/^stat::number_of_executed_units:/ { print $2 }' "$log")
	runs=$((runs + ${n:-0}))
	used=$((used + (cpu > 0 ? cpu : 1)))
	d=$(grep -E '^#[0-9]+.*DONE' "$log" | tail -1)
	[ -n "$d" ] && cov=$(echo "$d" | grep -oE 'cov: [0-9]+ ft: [0-9]+ corp: [^ ]+')
	if [ "$rc" -ne 0 ] || grep -qE '^==[0-9]+== ?ERROR|^SUMMARY' "$log"; then
		grep -E '^==[0-9]+== ?ERROR|^SUMMARY|^artifact_prefix|Test unit written' "$log"
		echo "   fuzz_$t failed (exit $rc) after $runs executions in $used CPU seconds"
		exit 1
	fi
done
echo "   $runs executions in $used CPU seconds ($sessions session(s)), peak $((peak / 1024)) MB; $cov"

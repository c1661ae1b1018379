# sh_test.sh - busybox's sh on Interlude: pipelines, command substitution,
# subshells, exit statuses, signals, background jobs and a long pipe.
# make test runs it with `busybox sh -s` on Linux (in rootfs/) and on
# Interlude (in /) and requires the same output, byte for byte.
echo "pipeline: $(seq 1 100 | sort -rn | head -3 | tr '\n' ' ')"
seq 1 100 | sort -rn | head -3
x=$(echo hello | tr a-z A-Z)
echo "substitution: $x"
(exit 3)
echo "subshell status: $?"
false
echo "false: $?"
sh -c 'exit 7'
echo "nested sh: $?"
sh -c 'kill -9 $$'
echo "killed by SIGKILL: $?"
sh -c 'kill -TERM $$'
echo "killed by SIGTERM: $?"
for i in 1 2 3; do echo "loop $i"; done | wc -l
echo abcabc | grep -c b
seq 1 20000 | wc -l
seq 1 20000 | md5sum
yes interlude | head -4
cat etc/hostname
ls etc | sort | head -3
test -d etc && echo "etc is a directory"
test -f etc/nothing || echo "etc/nothing is not a file"
printf '%s-%03d\n' printf 7
sleep 0.05 &
wait $!
echo "background job waited: $?"
echo one two three | (read a b c; echo "read: $c $b $a")
seq 5 | while read n; do echo "n=$n"; done | tail -2
echo done

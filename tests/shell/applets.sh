# applets.sh - a sweep of busybox's applets on Interlude, one line each.
# make test runs it with `busybox sh -s` on Linux (in rootfs/, where the
# applets are preferred over the host's programs) and on Interlude (in /)
# and requires the same output, byte for byte. What really differs between
# the two machines (pids, times, the host's own files and user) is kept out
# of the output: times are checked against a range, paths cut to names,
# modes left out (the archive has 0644/0755; a checkout has its umask's).
echo "== date"
date -u -d @0
date -u -d @1700000000 '+%Y-%m-%d %H:%M:%S %a %b %j %U %u %y %e|%p|%Z|%z'
date -u -d '2024-02-29 12:34:56' +%s
date -u -R -d @86399
s=$(date -u +%s); [ "$s" -gt 1700000000 ] && echo "date +%s: after 2023"
echo "== sleep and time"
{ time sleep 1; } 2>&1 | awk '/^real/ { t = $0; sub(/^real[ \t]*/, "", t); split(t, a, "m");
	s = a[1] * 60 + a[2]; print (s >= 0.95 && s < 3) ? "sleep 1: 1 s or a little more" : "sleep 1: " s " s" }'
time true 2>/dev/null; echo "time true: $?"
echo "== true false"
true; echo "true: $?"; false; echo "false: $?"; ! true; echo "! true: $?"
echo "== ls"
ls etc
ls -l etc/group etc/passwd etc/loop | awk '{ print substr($1, 1, 1), $2, $5, $NF }' # the type, not the modes (a checkout's umask)
ls -d etc; ls -a etc | head -2; ls nosuch 2>/dev/null; echo "ls nosuch: $?"
echo "== cat"
cat etc/hostname; echo abc | cat - etc/hostname; cat -n etc/group
cat etc 2>/dev/null; echo "cat of a directory: $?"; cat nosuch 2>/dev/null; echo "cat nosuch: $?"
echo "== wc sort uniq"
printf 'a b\nc\n' | wc; wc -l etc/passwd; printf 'ab\ncd\n' | wc -c
printf '3\n10\n2\n' | sort; printf '3\n10\n2\n' | sort -n; printf '10 b\n9 a\n' | sort -k2
printf 'b\na\nb\n' | sort -u; printf 'a\na\nb\n' | uniq -c; printf 'a\na\nb\n' | uniq -d
echo "== head tail"
seq 10 | head -2; seq 10 | tail -2; seq 10 | tail -n +9; echo abcdef | head -c 3; echo
echo abcdef | tail -c 3
echo "== cut tr"
echo a:b:c | cut -d: -f2; echo abcdef | cut -c2-4; cut -d: -f1,7 etc/passwd
echo hello | tr a-y b-z; echo 'Hello World' | tr -d o; echo aaabbb | tr -s a
echo abc | tr '[:lower:]' '[:upper:]'
echo "== seq expr test"
seq 2 3 11 | tr '\n' ' '; echo; seq -s, 5; seq -w 8 10 | tr '\n' ' '; echo
expr 3 \* 4; expr length hello; expr 7 / 2; expr 7 % 2; expr abc : 'a\(.\)'
expr 1 = 2; echo "expr 1 = 2: $?"
test 3 -lt 4 && echo "3 < 4"; [ a = b ]; echo "[ a = b ]: $?"; test -d etc && echo "etc: a directory"
test -f etc/group && echo "etc/group: a file"; test -L etc/motd && echo "etc/motd: a link"
test -e etc/nosuch; echo "test -e nosuch: $?"; test -r etc/passwd && echo "etc/passwd: readable"
echo "== printf"
printf '%5.2f|%x|%o|%-4s|%c%c|%d|%i %u|%e\n' 3.14159 255 8 ab x y 0x1f -3 7 12345.678
printf '%b\n' 'a\tb'; printf '%s-%03d\n' printf 7; printf '%%\n'
echo "== env id pwd"
env -i A=1 B=2 env; env -i X=1 env -u X env | wc -l; id >/dev/null; echo "id: $?"
id -u >/dev/null && echo "id -u: a number"
(cd etc && pwd | sed 's,.*/,,'); basename /a/b/c.txt .txt; dirname /a/b/c.txt; basename /
dirname c.txt
echo "== find xargs"
find etc | sort; find etc -name 'pa*'; find etc -type l | sort
echo 1 2 3 | xargs -n1 echo x; printf 'a\nb\n' | xargs echo; echo etc/group | xargs cat
echo "== sed awk grep"
echo hello world | sed 's/o/0/g'; printf 'a\nb\nc\n' | sed -n '2p'; printf 'x1\n' | sed -E 's/([a-z])([0-9])/\2\1/'
sed -n '$=' etc/passwd; printf 'a\nb\n' | sed '1d'
printf '1 2\n3 4\n' | awk '{ s += $1 * $2 } END { print s, NR }'
awk 'BEGIN { printf "%d %s %.3f %e|%5s|%-5s|\n", 42, "x", 3.14159, 12345.678, "r", "l" }'
awk 'BEGIN { print length("abc"), substr("hello", 2, 3), index("hello", "l"), toupper("a"), tolower("B") }'
echo 'a,b,c' | awk -F, '{ n = split($0, arr, ","); print n, arr[3]; gsub(/b/, "B"); print }'
awk -F: '{ print $1 }' etc/passwd
printf 'foo\nbar\nfoo2\n' | grep -n foo; printf 'ab\ncd\n' | grep -E 'a|d'; echo abcabc | grep -c b
printf 'ab\n' | grep -v a; echo "grep no match: $?"; grep -l root etc/passwd etc/group
grep -q root etc/passwd && echo "grep -q: found"
echo "== od md5sum sha256sum"
printf 'AB\n' | od -c; printf 'AB' | od -x; printf '\001\377' | od -An -tx1; printf 'abcd' | od -An -td4
echo hi | md5sum; echo hi | sha1sum; echo hi | sha256sum; md5sum etc/passwd
echo hi | base64; echo aGkK | base64 -d; echo hi | xxd; printf 'abc' | hexdump -C
echo "== yes and pipes"
yes | head -2; yes interlude | head -3 | tail -1; seq 1 5000 | sort -rn | head -1
sh -c 'echo a | tr a b'; sh -c 'exit 4'; echo "sh -c 'exit 4': $?"
echo x | (read v; echo "read in a subshell: $v")
echo "== redirections"
echo x >/dev/null; echo err 2>/dev/null >&2; ls /nonexist 2>/dev/null; echo "ls /nonexist: $?"
{ echo to-stderr >&2; } 2>&1 | cat; echo nothing </dev/null | cat; cat </dev/null; echo "cat </dev/null: $?"
head -c 4 /dev/zero | od -An -tx1
{ echo via /dev/stderr >/dev/stderr; } 2>&1 | cat; { echo via /dev/stdout >/dev/stdout; } | cat; echo piped | cat /dev/stdin
echo "== here-documents"
cat <<END
line1 $((1 + 2))
line2 $(echo sub)
END
cat <<'END'
literal $HOME $(x)
END
while read a b; do echo "$b $a"; done <<END
1 one
2 two
END
echo "== substitution"
echo "$(echo $(echo nested))"; x=`echo backquotes`; echo $x; n=$(seq 3 | wc -l); echo "lines: $n"
echo "== loops"
i=0; while [ $i -lt 3 ]; do i=$((i + 1)); echo "while $i"; done
for x in a b c; do echo "for $x"; done; for f in etc/g*; do echo "glob $f"; done
until [ $i -eq 0 ]; do i=$((i - 1)); done; echo "until: $i"
seq 3 | while read n; do echo "n=$n"; done | tail -1
echo "== shell"
v=hello.tar.gz; echo ${v%.*} ${v%%.*} ${v#*.} ${#v} ${u:-default}
echo $((2 ** 10)) $((7 / 2)) $((-7 % 3)) $((1 << 4)) $((0x10))
case foo in f*) echo "case: matched" ;; esac
set -- a b c; echo "$# $2"; shift; echo "$@"
sh -c 'trap "echo trapped" EXIT; exit 2'; echo "trap: $?"
sh -c 'while getopts ab: o; do echo "$o $OPTARG"; done' x -a -b 5
printf 'a\\b c\n' | { read -r x y; echo "$x|$y"; }
f() { echo "function $1"; return 3; }; f arg; echo "return: $?"
kill -l 9; kill -l 15
echo "== more applets"
echo abc | rev; echo abcdef | fold -w 2; printf '1\n2\n' | tac; seq 3 | shuf | sort
printf '1\n2\n' | paste -s -d+; printf 'a\tb\n' | expand; printf 'a\nb\n' | nl
printf 'abcd\000xyz1234\n' | strings; factor 360; echo '2 3 + p' | dc; echo '2^20' | bc
dd if=/dev/zero bs=16 count=2 2>/dev/null | wc -c; echo tee | tee /dev/null
cmp etc/passwd etc/passwd && echo "cmp: same"; stat -c '%n %s %F' etc/passwd; stat -c '%n %F' etc
realpath etc/../etc/passwd | sed 's,.*/etc,etc,'; readlink etc/motd
readlink /proc/self/exe | sed 's,.*/,,'
ls /proc/self/fd >/dev/null; echo "ls /proc/self/fd: $?"; readlink /proc/self/fd/0 </dev/null
timeout 1 sleep 0.1; echo "timeout: $?"; usleep 1000; echo "usleep: $?"
nproc >/dev/null; echo "nproc: $?"; sync; echo "sync: $?"
df / >/dev/null; echo "df: $?"; df /proc | tail -1 | awk '{ print $1, $NF }'; stat -f -c %T /proc
hostid >/dev/null; echo "hostid: $?"; renice -n 0 -p $$ >/dev/null; echo "renice: $?"; ionice -p $$
top -b -n 1 >/dev/null; echo "top: $?"; uptime >/dev/null; echo "uptime: $?"
# Files written, copied, renamed and removed: tmp/ is /tmp on Interlude (a
# tmpfs) and rootfs/tmp of the checkout on Linux.
echo "== files in tmp"
d=tmp/applets.$$; mkdir $d; echo "mkdir: $?"
echo hello > $d/a; echo world >> $d/a; cat $d/a
printf '3\n1\n2\n' > $d/n; sort -o $d/n $d/n; tr '\n' ' ' < $d/n; echo
sed -i 's/hello/HELLO/' $d/a; head -1 $d/a
cp $d/a $d/b; mv $d/b $d/c; ls $d | tr '\n' ' '; echo
wc -c < $d/c; cmp $d/a $d/c && echo "cmp: the same"
ln -s a $d/l; readlink $d/l; wc -l < $d/l
dd if=/dev/zero of=$d/z bs=1k count=64 2>/dev/null; ls -l $d/z | awk '{ print $5 }'
truncate -s 10 $d/z; wc -c < $d/z
tar cf $d/t.tar -C $d a c; tar tf $d/t.tar | sort | tr '\n' ' '; echo
mkdir -p $d/x/y/z; touch $d/x/y/z/f; find $d/x | sort | sed "s|$d/||" | tr '\n' ' '; echo
rm -r $d; ls $d 2>/dev/null; echo "after rm -r: $?"
echo "== done"

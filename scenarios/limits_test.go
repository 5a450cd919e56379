package scenarios

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

func TestDefaultLimits(t *testing.T) {
	d := DefaultLimits()
	if d != (Limits{}).withDefaults() {
		t.Fatal("a zero Limits does not take the defaults")
	}
	for _, x := range LimitInfos() {
		got, ok := d.Get(x.Name)
		if !ok || got != x.Default {
			t.Errorf("%s: default %d, LimitInfos says %d", x.Name, got, x.Default)
		}
		var l Limits
		if !l.Set(x.Name, 7) {
			t.Errorf("%s cannot be set", x.Name)
		}
		if got, _ := l.Get(x.Name); got != 7 {
			t.Errorf("%s: set 7, got %d", x.Name, got)
		}
	}
	if (&Limits{}).Set("bogus", 1) {
		t.Error("an unknown limit was set")
	}
	if d.Bytes != 4<<20 || d.Agents != 200 || d.Routes != 2000 || d.Events != 100000 || d.Turns != 10000 {
		t.Errorf("defaults changed: %+v (update docs/scenarios.md too)", d)
	}
}

func TestParseLimit(t *testing.T) {
	for _, tt := range []struct {
		name, value string
		want        int64
	}{
		{"agents", "500", 500}, {"bytes", "8MiB", 8 << 20}, {"bytes", "8 mib", 8 << 20}, {"bytes", "512K", 512 << 10},
		{"bytes", "1GiB", 1 << 30}, {"bytes", "1000", 1000}, {"bytes", "10B", 10},
	} {
		got, err := ParseLimit(tt.name, tt.value)
		if err != nil || got != tt.want {
			t.Errorf("ParseLimit(%s, %q) = %d, %v; want %d", tt.name, tt.value, got, err, tt.want)
		}
	}
	for _, bad := range []string{"", "0", "-5", "x", "1.5", "99999999999999999999", "9999999999999GiB"} {
		if _, err := ParseLimit("bytes", bad); err == nil {
			t.Errorf("ParseLimit(bytes, %q) accepted", bad)
		}
	}
	if _, err := ParseLimit("agents", "5MiB"); err == nil {
		t.Error("a size suffix was accepted for a count")
	}
}

// oneError parses text with limits l and returns its single problem.
func oneError(t *testing.T, text string, l Limits) *Error {
	t.Helper()
	sc, err := ParseWith("big.toml", []byte(text), Options{Limits: l})
	if err == nil || sc != nil {
		t.Fatalf("accepted (scenario %v)", sc != nil)
	}
	var list ErrorList
	if !errors.As(err, &list) || len(list) != 1 {
		t.Fatalf("want one problem, got %v", err)
	}
	return list[0]
}

func TestFileSizeLimit(t *testing.T) {
	base := readBase(t)
	e := oneError(t, base, Limits{Bytes: 100})
	want := "big.toml: the file is 1.4 KiB, more than the limit of 100 bytes (raise it with --limit bytes=1411)"
	if e.Error() != want {
		t.Errorf("got  %s\nwant %s", e, want)
	}
	// A file on disk over the limit is refused before it is read.
	dir := t.TempDir()
	path := filepath.Join(dir, "big.toml")
	if err := os.WriteFile(path, []byte(base+strings.Repeat("# padding\n", 600000)), 0o644); err != nil {
		t.Fatal(err)
	}
	_, _, _, err := Open(path)
	if err == nil || !strings.Contains(err.Error(), "more than the limit of 4 MiB (raise it with --limit bytes=6MiB)") {
		t.Errorf("error %v", err)
	}
	if _, _, _, err := OpenWith(path, Options{Limits: Limits{Bytes: 8 << 20}}); err != nil {
		t.Errorf("a raised limit still refuses: %v", err)
	}
}

func TestReadFileRefusesWhatIsNotAFile(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "pipe.toml")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Skip("no named pipes here:", err)
	}
	done := make(chan error, 1)
	go func() { _, _, _, err := Open(fifo); done <- err }()
	select {
	case err := <-done:
		if err == nil || !strings.Contains(err.Error(), "is not a regular file") {
			t.Errorf("error %v", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("reading a named pipe blocked")
	}
}

func TestListLimits(t *testing.T) {
	base := readBase(t)
	// The fifth [[agents]] table is over a limit of 4: the message points
	// at it and gives the whole count.
	text := base + strings.Repeat("\n[[agents]]\nid = \"X\"\n", 3)
	e := oneError(t, text, Limits{Agents: 4})
	line := strings.Count(base, "\n") + 2
	want := "big.toml:" + itoa(line) + ": agents: 7 agents is more than the limit of 4 (raise it with --limit agents=7)"
	if e.Error() != want {
		t.Errorf("got  %s\nwant %s", e, want)
	}
	// Written inline, the list is counted before it is checked.
	inline := "name = \"x\"\nevents = [" + strings.Repeat("{ date = \"1992\", kind = \"note\" },", 5) + "]\n"
	if e := oneError(t, inline, Limits{Events: 4}); !strings.Contains(e.Error(), "events: 5 events is more than the limit of 4 (raise it with --limit events=5)") {
		t.Errorf("inline: %s", e)
	}
	// An override counts too.
	_, err := ParseWith("base.toml", []byte(base), Options{Limits: Limits{Hazards: 1},
		Sets: []Set{{Path: "hazards", Value: `[{kind = "flare", target = "karabakh", rate = 0.1, magnitude = 0.2}, {kind = "flare", target = "karabakh", rate = 0.1, magnitude = 0.2}]`}}})
	if err == nil || !strings.Contains(err.Error(), "2 hazards is more than the limit of 1") {
		t.Errorf("override: %v", err)
	}
	// Within the limits the file is fine.
	if _, err := ParseWith("base.toml", []byte(base), Options{Limits: Limits{Agents: 4, Routes: 1, Conflicts: 1, Institutions: 1, Agreements: 1, Events: 1, Hazards: 1}}); err != nil {
		t.Errorf("limits equal to the counts refuse the file: %v", err)
	}
}

func itoa(n int) string { return formatNum(float64(n)) }

func TestTurnAndSeriesLimits(t *testing.T) {
	base := readBase(t)
	e := oneError(t, strings.Replace(base, `step = "year"`, `step = "month"`, 1), Limits{Turns: 50})
	if !strings.Contains(e.Error(), "calendar.end: the calendar has 109 turns, more than the limit of 50") || !strings.Contains(e.Error(), "--limit turns=109") {
		t.Errorf("turns: %s", e)
	}
	series := strings.Replace(base, "capacity = 100\n", "capacity = 100\n", 1) + "\n[prices]\noil = { 1991 = 20, 1992 = 21, 1993 = 22 }\n"
	e = oneError(t, series, Limits{SeriesPoints: 2})
	if !strings.Contains(e.Error(), "prices.oil: 3 years is more than the limit of 2 (raise it with --limit series=3)") {
		t.Errorf("series: %s", e)
	}
}

func TestDepthLimit(t *testing.T) {
	tests := []struct {
		name, text, want string
	}{
		{"nested lists", "a = " + strings.Repeat("[", 40) + strings.Repeat("]", 40) + "\n", "big.toml:1:37: lists and tables are nested more than 32 deep"},
		{"nested tables", "a = " + strings.Repeat("{b=", 40) + "1" + strings.Repeat("}", 40) + "\n", "big.toml:1:101: lists and tables are nested more than 32 deep"},
		{"lists over lines", "x = 1\na = [\n" + strings.Repeat("[\n", 40), "big.toml:34:1: lists and tables are nested more than 32 deep"},
		{"dotted key", strings.Repeat("a.", 40) + "b = 1\n", "big.toml:1:64: a key of more than 32 dotted parts"},
		{"dotted header", "[" + strings.Repeat("a.", 40) + "b]\n", "big.toml:1:65: a key of more than 32 dotted parts"},
		{"dotted key in a table", "a = {" + strings.Repeat("b.", 40) + "c = 1}\n", "big.toml:1:69: a key of more than 32 dotted parts"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := oneError(t, tt.text, Limits{})
			if !strings.HasPrefix(e.Error(), tt.want) || !strings.Contains(e.Error(), "--limit depth=64") {
				t.Errorf("got  %s\nwant %s...", e, tt.want)
			}
		})
	}
	// Brackets, braces and dots in strings and comments are not nesting.
	quiet := "name = \"a.b.c.d\"\n" +
		"title = \"" + strings.Repeat("[{", 50) + "\"\n" +
		"description = '''\n" + strings.Repeat("[", 50) + "\n'''\n" +
		"# " + strings.Repeat("[", 50) + "\n" +
		"[info]\nsources = \"\"\"\n" + strings.Repeat("{a.", 50) + "\\\"\"\"\"\n" +
		"what_is_it = '" + strings.Repeat("[", 50) + "'\n"
	if err := prescan("q.toml", quiet, DefaultLimits()); err != nil {
		t.Errorf("strings and comments counted as nesting: %v", err)
	}
	// The shipped scenarios need no more than the five levels the
	// documentation promises.
	names, _ := embeddedNames()
	for _, n := range names {
		src, _ := Source(n)
		l := DefaultLimits()
		l.Depth = 5
		if err := prescan(n, string(src), l); err != nil {
			t.Errorf("%s needs more than 5 levels: %v", n, err)
		}
	}
}

// Files built to make a parser slow or large are refused at once.
func TestHostileFilesAreCheap(t *testing.T) {
	if testing.Short() {
		t.Skip("builds files of several megabytes")
	}
	const mb = 4 << 20
	files := map[string]string{
		"deep lists":    "a = " + strings.Repeat("[", mb/2-4) + strings.Repeat("]", mb/2-4) + "\n",
		"deep tables":   "a = " + strings.Repeat("{b=", mb/4) + "1" + strings.Repeat("}", mb/4) + "\n",
		"long key":      "[" + strings.Repeat("a.", mb/2-4) + "b]\n",
		"many agents":   strings.Repeat("[[agents]]\n", mb/11),
		"inline agents": "agents = [" + strings.Repeat("{},", mb/3-4) + "]\n",
		"long word":     strings.Repeat("a", mb-10) + " = 1\n",
		"long id":       "[[agents]]\nid = \"" + strings.Repeat("A", mb/2) + "\"\n[[routes]]\nid = \"r\"\nproducer = \"" + strings.Repeat("B", mb/2-100) + "\"\n",
	}
	for name, text := range files {
		t.Run(name, func(t *testing.T) {
			start := time.Now()
			if _, err := Parse("big.toml", []byte(text)); err == nil {
				t.Fatal("accepted")
			}
			if d := time.Since(start); d > 5*time.Second {
				t.Errorf("took %v", d)
			}
		})
	}
}

func TestResolveIn(t *testing.T) {
	root := t.TempDir()
	dir := filepath.Join(root, "class")
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(os.MkdirAll(filepath.Join(dir, "sub"), 0o755))
	must(os.WriteFile(filepath.Join(dir, "a.toml"), nil, 0o644))
	must(os.WriteFile(filepath.Join(dir, "sub", "b.toml"), nil, 0o644))
	must(os.WriteFile(filepath.Join(root, "secret.toml"), nil, 0o644))
	must(os.Symlink(filepath.Join(root, "secret.toml"), filepath.Join(dir, "out.toml")))
	must(os.Symlink("a.toml", filepath.Join(dir, "in.toml")))
	must(os.Symlink(root, filepath.Join(dir, "up")))
	tests := []struct {
		ref, want, err string
	}{
		{"a.toml", filepath.Join(dir, "a.toml"), ""},
		{"sub/b.toml", filepath.Join(dir, "sub", "b.toml"), ""},
		{"./sub/../a.toml", filepath.Join(dir, "a.toml"), ""},
		{"in.toml", filepath.Join(dir, "in.toml"), ""},
		{"missing.toml", "", ""},
		{"azerbaijan-1991", "", ""},
		{"a.toml/x", "", ""},
		{"../secret.toml", "", "leads out of the folder"},
		{"sub/../../secret.toml", "", "leads out of the folder"},
		{"..", "", "leads out of the folder"},
		{filepath.Join(root, "secret.toml"), "", "is an absolute path"},
		{"out.toml", "", "is a link to a file outside the folder"},
		{"up/secret.toml", "", "is a link to a file outside the folder"},
		{"", "", "empty"},
	}
	for _, tt := range tests {
		got, err := ResolveIn(dir, tt.ref)
		switch {
		case tt.err == "" && (err != nil || got != tt.want):
			t.Errorf("ResolveIn(%q) = %q, %v; want %q", tt.ref, got, err, tt.want)
		case tt.err != "" && (err == nil || !strings.Contains(err.Error(), tt.err)):
			t.Errorf("ResolveIn(%q) = %q, %v; want an error saying %q", tt.ref, got, err, tt.err)
		}
	}
}

func TestCheck(t *testing.T) {
	sc, err := Parse("base.toml", []byte(readBase(t)))
	if err != nil {
		t.Fatal(err)
	}
	if err := Check("base", sc, Limits{}); err != nil {
		t.Fatalf("a valid scenario fails: %v", err)
	}
	sc.Agents[0].Alignment = 3
	err = Check("base", sc, Limits{})
	if err == nil || !strings.Contains(err.Error(), "base: agents[1].alignment: 3 is outside the range -1 to 1") {
		t.Errorf("range: %v", err)
	}
	sc.Agents[0].Alignment = 0
	if err := Check("base", sc, Limits{Agents: 3}); err == nil || !strings.Contains(err.Error(), "4 agents is more than the limit of 3") {
		t.Errorf("limit: %v", err)
	}
}

package scenarios

import (
	"bufio"
	"bytes"
	"fmt"
	"strings"
)

// An overlay file holds overrides to apply to a scenario, one per line,
// in the notation of --set:
//
//	# fitted by sim calibrate
//	model.temperature = 0.0012
//	agents.AZE.threat_response = 0.45
//
// Blank lines and lines starting with # are skipped. `sim calibrate`
// writes one with the values it fitted; every command that takes --set
// takes --overlay FILE, and applies the file's lines as if each were
// typed after --set, in order, where the flag stands among the --set
// flags.

// MaxOverlayLines bounds an overlay file: far more overrides than any
// calibration fits.
const MaxOverlayLines = 10000

// ReadOverlay reads the overrides of an overlay file; name is used in
// messages. Every problem is reported at once, each on its line.
func ReadOverlay(name string, data []byte) ([]Set, error) {
	var sets []Set
	var errs ErrorList
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(make([]byte, 0, 4096), 1<<20)
	n := 0
	for sc.Scan() {
		n++
		if n > MaxOverlayLines {
			return nil, ErrorList{{File: name, Line: n, Problem: fmt.Sprintf("more than %d lines", MaxOverlayLines),
				Hint: "an overlay holds one override per line; split the file"}}
		}
		line := strings.TrimSpace(strings.TrimPrefix(sc.Text(), "\ufeff"))
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		s, err := ParseSet(line)
		if err != nil {
			errs = append(errs, &Error{File: name, Line: n, Problem: strings.TrimPrefix(err.Error(), fmt.Sprintf("%q: ", line))})
			continue
		}
		s.File, s.Line = name, n
		sets = append(sets, s)
	}
	if err := sc.Err(); err != nil {
		return nil, ErrorList{{File: name, Line: n + 1, Problem: "cannot read the line: " + err.Error(),
			Hint: "an overlay holds one short override per line"}}
	}
	if len(errs) > 0 {
		return nil, errs
	}
	return sets, nil
}

// WriteOverlay writes sets as an overlay file, after comment lines (each
// written with a leading "# ").
func WriteOverlay(comments []string, sets []Set) []byte {
	var b bytes.Buffer
	for _, c := range comments {
		for _, l := range strings.Split(c, "\n") {
			b.WriteString(strings.TrimRight("# "+l, " ") + "\n")
		}
	}
	for _, s := range sets {
		fmt.Fprintf(&b, "%s = %s\n", s.Path, s.Value)
	}
	return b.Bytes()
}

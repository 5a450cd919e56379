package sweep

import (
	"errors"
	"math"
	"strings"
	"testing"
)

// FuzzDesign feeds arbitrary --param values (two at a time) and --points
// to the designs: parsing never panics, a parsed parameter writes back as
// itself, and a design either fits its bound, with every value finite and
// inside its range, or is refused with TooManyPoints before anything is
// made, however many levels are asked for.
func FuzzDesign(f *testing.F) {
	for _, s := range [][2]string{
		{"agents.AZE.threat_response=-1:1:5", "model.temperature=0:0.002"},
		{"x=0:1:1000000000000", "y=0:1"},
		{"x=0:1:400", "y=0:1:400"},
		{"x=1e308:1.7e308:3", "y=-1e-308:1e-308:2"},
		{"x=0:0", "y=5:5:1"},
		{"x=nan:1", "y=0:inf"},
	} {
		f.Add(s[0], s[1], 7)
	}
	const limit = 5000
	f.Fuzz(func(t *testing.T, a, b string, k int) {
		var params []Param
		for _, s := range []string{a, b} {
			p, err := ParseParam(s)
			if err != nil {
				continue
			}
			q, err := ParseParam(p.String())
			if err != nil || q != p {
				t.Fatalf("%q parses to %+v, which writes as %q and reads back as %+v, %v", s, p, p.String(), q, err)
			}
			params = append(params, p)
		}
		if len(params) == 0 {
			return
		}
		check := func(d *Design, err error) {
			var many *TooManyPoints
			switch {
			case errors.As(err, &many):
				if many.Limit != limit || (many.Points != 0 && many.Points <= limit) || !strings.Contains(err.Error(), "limit") {
					t.Fatalf("%v: %+v", err, many)
				}
				return
			case err != nil:
				return
			}
			if len(d.Points) == 0 || len(d.Points) > limit {
				t.Fatalf("%d points", len(d.Points))
			}
			for _, pt := range d.Points {
				for i, v := range pt {
					p := params[i]
					// Values are rounded to 10 digits, so allow for that.
					tol := 1e-9 * max(math.Abs(p.Lo), math.Abs(p.Hi))
					if math.IsNaN(v) || math.IsInf(v, 0) || v < p.Lo-tol || v > p.Hi+tol {
						t.Fatalf("%s = %v outside %v to %v", p.Path, v, p.Lo, p.Hi)
					}
				}
			}
		}
		check(GridWithin(params, limit))
		check(LHSWithin(params, k%(2*limit), 1, limit))
	})
}

package output

import (
	"bytes"
	"strings"
	"testing"
)

func TestWriteFocal(t *testing.T) {
	_, streamed := ensembleReports(t, 3)
	noStats := *streamed
	noStats.Stats = nil
	consumer := *streamed
	sc := *streamed.Scenario
	sc.Focal = "ARM"
	consumer.Scenario = &sc
	for _, c := range []struct {
		name string
		r    *Report
		want []string
	}{
		{"a producer's energy is income", streamed, []string{
			"\nAzerbaijan, ", ", mean of 3 runs:\n",
			"  alignment  ", " → ", "(-1 = Russia, +1 = the West)",
			"  security   ", "(0 = defenceless, 1 = fully secure)",
			"  energy     ", "(energy income, billion US dollars a year)"}},
		{"an unnamed state goes by its id, its energy is supply security", &consumer, []string{
			"\nARM, ", "(supply security: 0 = none, 1 = fully secure)"}},
		{"without statistics nothing is written", &noStats, nil},
	} {
		var b bytes.Buffer
		WriteFocal(&b, c.r)
		got := b.String()
		if c.want == nil && got != "" {
			t.Errorf("%s: wrote %q", c.name, got)
		}
		for _, w := range c.want {
			if !strings.Contains(got, w) {
				t.Errorf("%s: no %q in:\n%s", c.name, w, got)
			}
		}
	}
}

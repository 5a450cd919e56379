package output

import (
	"bytes"
	"strings"
	"testing"
)

func TestWriteCalibrationSummary(t *testing.T) {
	params := []CalibrationParam{{Path: "model.alarm", Lo: 0, Hi: 1, Start: 0.5}, {Path: "agents.AZE.ideal", Lo: -1, Hi: 1, Start: 0}}
	for _, tt := range []struct {
		name      string
		testUntil string
		want      []string
		wantNot   string
	}{
		{"paths line up and each value shows its move", "", []string{
			"  model.alarm       0.5 → 0.25   (0 to 1)\n",
			"  agents.AZE.ideal  0 → -0.75   (-1 to 1)\n",
			"\nMisfit (0: every pattern in every run), start → fit:\n"}, "test patterns"},
		{"a test window says the fit never saw it", "2013-12", []string{
			"The test patterns end after 2005-12 and by 2013-12: the fit never saw them.\n"}, ""},
	} {
		var b bytes.Buffer
		WriteCalibrationSummary(&b, &CalibrationTrace{Params: params, Until: "2005-12", TestUntil: tt.testUntil}, []float64{0.25, -0.75}, nil)
		for _, w := range tt.want {
			if !strings.Contains(b.String(), w) {
				t.Errorf("%s: missing %q in\n%s", tt.name, w, b.String())
			}
		}
		if tt.wantNot != "" && strings.Contains(b.String(), tt.wantNot) {
			t.Errorf("%s: %q should not be in\n%s", tt.name, tt.wantNot, b.String())
		}
	}
}

func TestWriteSweepRangeWithoutMedians(t *testing.T) {
	var b bytes.Buffer
	WriteSweepRange(&b, &SweepSummary{Focal: "AZE", Metric: "alignment"}, &SweepTable{})
	if b.Len() != 0 {
		t.Errorf("a sweep without a median wrote %q", b.String())
	}
}

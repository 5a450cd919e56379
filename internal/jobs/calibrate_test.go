package jobs

import (
	"errors"
	"strings"
	"testing"
)

func TestFitWindow(t *testing.T) {
	tests := []struct {
		until, test  string
		wantU, wantT string
		wantErr      string
	}{
		{"", "", "2013-12", "2013-12", ""},
		{"2005", "", "2005-12", "2013-12", ""},
		{"2005-03", "2010", "2005-03", "2010-12", ""}, // only a year alone means its end
		{"2014", "", "", "", "--until and --test-until end by 2013-12"},
		{"", "2020", "", "", "later years are kept out of every fit"},
		{"2010", "2005", "", "", "--test-until (2005-12) comes before --until (2010-12)"},
		{"soon", "", "", "", "--until "},
		{"", "later", "", "", "--test-until "},
	}
	for _, tt := range tests {
		u, ts, err := FitWindow(tt.until, tt.test)
		if tt.wantErr != "" {
			var ue *UsageError
			if !errors.As(err, &ue) || !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("FitWindow(%q, %q) = %v, want a usage error containing %q", tt.until, tt.test, err, tt.wantErr)
			}
			continue
		}
		if err != nil || u.String() != tt.wantU || ts.String() != tt.wantT {
			t.Errorf("FitWindow(%q, %q) = %s, %s, %v; want %s, %s", tt.until, tt.test, u, ts, err, tt.wantU, tt.wantT)
		}
	}
}

func TestDefaultBudget(t *testing.T) {
	for k, want := range map[int]int{1: 30, 2: 30, 3: 45, 10: 150} {
		if got := DefaultBudget(k); got != want {
			t.Errorf("DefaultBudget(%d) = %d, want %d", k, got, want)
		}
	}
}

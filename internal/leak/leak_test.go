package leak

import (
	"testing"
)

// recorder is a testing.TB that notes whether the check failed.
type recorder struct {
	testing.TB
	failed bool
}

func (r *recorder) Errorf(string, ...any) { r.failed = true }
func (r *recorder) Helper()               {}

func TestCheck(t *testing.T) {
	stop := make(chan struct{})
	defer close(stop)
	for _, tc := range []struct {
		name string
		f    func()
		fail bool
	}{
		{"nothing started", func() {}, false},
		{"a goroutine that ends", func() {
			done := make(chan struct{})
			go func() { close(done) }()
			<-done
		}, false},
		{"a goroutine left running", func() { go func() { <-stop }() }, true},
	} {
		r := &recorder{TB: t}
		Check(r, tc.f)
		if r.failed != tc.fail {
			t.Errorf("%s: failed %v, want %v", tc.name, r.failed, tc.fail)
		}
	}
}

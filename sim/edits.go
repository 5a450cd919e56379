package sim

import "math"

// span is the range a bounded quantity is kept in.
type span struct{ lo, hi float64 }

var (
	unbounded  = span{math.Inf(-1), math.Inf(1)}
	unitSpan   = span{0, 1}  // cooperation, pressure, plotting, intensity
	signedSpan = span{-1, 1} // affinity
)

func (r span) clamp(v float64) float64 { return clamp(v, r.lo, r.hi) }

// edits records what an action changes in a state, so that a look-ahead
// can apply one action to the live state, bound what it changed, value
// the result and take every change back, instead of copying the whole
// state for each of the hundreds of options a turn weighs. Outside a
// look-ahead it records nothing.
//
// Each write in apply goes through float, int or flag, which note the
// slot and its old value while recording is on.
type edits struct {
	on     bool
	floats []floatEdit
	ints   []intEdit
	flags  []flagEdit
}

type floatEdit struct {
	p   *float64
	old float64
	r   span
}

type intEdit struct {
	p   *int
	old int
}

type flagEdit struct {
	p   *bool
	old bool
}

// float notes slot p, kept in range r, and returns it for writing.
func (e *edits) float(p *float64, r span) *float64 {
	if e.on {
		e.floats = append(e.floats, floatEdit{p, *p, r})
	}
	return p
}

// int notes slot p and returns it for writing.
func (e *edits) int(p *int) *int {
	if e.on {
		e.ints = append(e.ints, intEdit{p, *p})
	}
	return p
}

// flag notes slot p and returns it for writing.
func (e *edits) flag(p *bool) *bool {
	if e.on {
		e.flags = append(e.flags, flagEdit{p, *p})
	}
	return p
}

// begin starts recording.
func (e *edits) begin() {
	e.on = true
	e.floats, e.ints, e.flags = e.floats[:0], e.ints[:0], e.flags[:0]
}

// bound brings every slot written since begin back into its range. The
// state was bounded before, so this is what bound would do to it.
func (e *edits) bound() {
	for _, f := range e.floats {
		*f.p = f.r.clamp(*f.p)
	}
}

// undo restores every slot written since begin, newest first, and stops
// recording.
func (e *edits) undo() {
	for i := len(e.floats) - 1; i >= 0; i-- {
		*e.floats[i].p = e.floats[i].old
	}
	for i := len(e.ints) - 1; i >= 0; i-- {
		*e.ints[i].p = e.ints[i].old
	}
	for i := len(e.flags) - 1; i >= 0; i-- {
		*e.flags[i].p = e.flags[i].old
	}
	e.on = false
}

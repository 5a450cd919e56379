//go:build !faultprobe

package scenarios

// ceilingsOn is false only in builds with the faultprobe tag, which the
// end-to-end tests of cmd/sim use to let a number past its ceiling and
// watch every command handle the numerical fault that follows. No
// released build has that tag.
const ceilingsOn = true

//go:build faultprobe

package scenarios

// ceilingsOn: see ceilings_on.go.
const ceilingsOn = false

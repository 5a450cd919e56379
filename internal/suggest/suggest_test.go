package suggest

import (
	"fmt"
	"testing"
)

func TestDistance(t *testing.T) {
	tests := []struct {
		a, b string
		want int
	}{
		{"", "", 0},
		{"security", "security", 0},
		{"secruity", "security", 1}, // neighbours swapped
		{"Security", "security", 0}, // case ignored
		{"secrity", "security", 1},  // one letter dropped
		{"securityy", "security", 1},
		{"sekurity", "security", 1},
		{"ca", "abc", 3}, // the restricted distance: no edit of a swapped pair
		{"AZX", "AZE", 1},
		{"", "abc", 3},
		{"Баку", "Баку", 0},
	}
	for _, tt := range tests {
		if got := Distance(tt.a, tt.b); got != tt.want {
			t.Errorf("Distance(%q, %q) = %d, want %d", tt.a, tt.b, got, tt.want)
		}
		if got := Distance(tt.b, tt.a); got != tt.want {
			t.Errorf("Distance(%q, %q) = %d, want %d (not symmetric)", tt.b, tt.a, got, tt.want)
		}
	}
}

func ExampleDistance() {
	fmt.Println(Distance("secruity", "security"), Distance("wokrers", "workers"))
	// Output: 1 1
}

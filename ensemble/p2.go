package ensemble

// Probs are the quantiles every cell reports: 5, 25, 50, 75 and 95 %.
var Probs = [5]float64{0.05, 0.25, 0.5, 0.75, 0.95}

// p2 is the P² estimator of one quantile (Jain and Chlamtac, "The P²
// algorithm for dynamic calculation of quantiles and histograms without
// storing observations", CACM 28(10), 1985): five markers whose heights
// track the minimum, the p/2, p and (1+p)/2 quantiles and the maximum,
// moved by piecewise-parabolic interpolation as values arrive.
type p2 struct {
	q  [5]float64 // marker heights
	n  [5]float64 // marker positions, 1-based
	np [5]float64 // desired positions
}

// increments are the desired-position increments of the markers for p.
func increments(p float64) [5]float64 { return [5]float64{0, p / 2, p, (1 + p) / 2, 1} }

// init starts the estimator from m ≥ 5 sorted values: the markers sit at
// the order statistics nearest their desired positions, as if P² had
// tracked those values exactly.
func (e *p2) init(sorted []float64, p float64) {
	m := len(sorted)
	dn := increments(p)
	prev := 0
	for i := range 5 {
		e.np[i] = 1 + float64(m-1)*dn[i]
		pos := int(e.np[i] + 0.5)
		// Positions must rise strictly and leave room for the markers
		// above.
		pos = max(pos, prev+1)
		pos = min(pos, m-(4-i))
		e.n[i] = float64(pos)
		e.q[i] = sorted[pos-1]
		prev = pos
	}
}

// add takes one more value.
func (e *p2) add(x, p float64) {
	var k int
	switch {
	case x < e.q[0]:
		e.q[0] = x
		k = 0
	case x >= e.q[4]:
		e.q[4] = x
		k = 3
	default:
		k = 0
		for k < 3 && x >= e.q[k+1] {
			k++
		}
	}
	for i := k + 1; i < 5; i++ {
		e.n[i]++
	}
	dn := increments(p)
	for i := range 5 {
		e.np[i] += dn[i]
	}
	for i := 1; i <= 3; i++ {
		d := e.np[i] - e.n[i]
		if (d >= 1 && e.n[i+1]-e.n[i] > 1) || (d <= -1 && e.n[i-1]-e.n[i] < -1) {
			s := 1.0
			if d < 0 {
				s = -1
			}
			q := e.parabolic(i, s)
			if !(e.q[i-1] < q && q < e.q[i+1]) {
				q = e.linear(i, s)
			}
			e.q[i] = q
			e.n[i] += s
		}
	}
}

func (e *p2) parabolic(i int, d float64) float64 {
	q, n := &e.q, &e.n
	return q[i] + d/(n[i+1]-n[i-1])*((n[i]-n[i-1]+d)*(q[i+1]-q[i])/(n[i+1]-n[i])+
		(n[i+1]-n[i]-d)*(q[i]-q[i-1])/(n[i]-n[i-1]))
}

func (e *p2) linear(i int, d float64) float64 {
	j := i + int(d)
	return e.q[i] + d*(e.q[j]-e.q[i])/(e.n[j]-e.n[i])
}

// estimate is the current estimate of the quantile.
func (e *p2) estimate() float64 { return e.q[2] }

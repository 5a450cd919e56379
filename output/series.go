package output

import (
	"math"
	"slices"

	"caspian/ensemble"
	"caspian/sim"
)

// band is one agent quantity per turn across runs: the median, the
// 25–75 % range and the 5–95 % range. With a single run all five are the
// run's values.
type band struct {
	x, lo, q25, mid, q75, hi []float64
	// The turn number and label of each point, for tooltips.
	turn  []int
	label []string
}

// agentBand computes the band of get for agent id at every turn of run 0.
// Runs that stopped early, or lack the agent, drop out of the turns they
// did not record; non-finite values are skipped so one bad run cannot
// break a plot.
func agentBand(r *Report, id string, get func(*sim.AgentState) float64) band {
	ref := r.Collectors[0].snapshots
	hints := make([]int, len(r.Collectors))
	vals := make([]float64, 0, len(r.Collectors))
	var b band
	for t := range ref {
		vals = vals[:0]
		for k, c := range r.Collectors {
			if t >= len(c.snapshots) {
				continue
			}
			s := &c.snapshots[t]
			i := agentIndex(s, id, hints[k])
			if i < 0 {
				continue
			}
			hints[k] = i
			if v := get(&s.Agents[i]); !math.IsNaN(v) && !math.IsInf(v, 0) {
				vals = append(vals, v)
			}
		}
		if len(vals) == 0 {
			continue
		}
		slices.Sort(vals)
		b.x = append(b.x, ref[t].Year)
		b.turn, b.label = append(b.turn, ref[t].Turn), append(b.label, ref[t].Label)
		b.lo = append(b.lo, ensemble.Quantile(vals, 0.05))
		b.q25 = append(b.q25, ensemble.Quantile(vals, 0.25))
		b.mid = append(b.mid, ensemble.Quantile(vals, 0.5))
		b.q75 = append(b.q75, ensemble.Quantile(vals, 0.75))
		b.hi = append(b.hi, ensemble.Quantile(vals, 0.95))
	}
	return b
}

// statBand is the band of agent id's metric from the statistics across
// runs, at every summarised turn that has values.
func statBand(st *ensemble.Stats, id, metric string) band {
	var b band
	i := st.Layout.Index(id, metric)
	if i < 0 {
		return b
	}
	for k, turn := range st.Turns {
		c := st.Cell(k, i)
		if c.N == 0 || turn >= len(st.Calendar) {
			continue
		}
		b.x = append(b.x, st.Calendar[turn].Year)
		b.turn, b.label = append(b.turn, st.Calendar[turn].Turn), append(b.label, st.Calendar[turn].Label)
		b.lo = append(b.lo, c.Q[0])
		b.q25 = append(b.q25, c.Q[1])
		b.mid = append(b.mid, c.Q[2])
		b.q75 = append(b.q75, c.Q[3])
		b.hi = append(b.hi, c.Q[4])
	}
	return b
}

// band returns agent id's metric across runs, from the report's
// statistics; an empty band if they cannot be computed.
func (r *Report) band(id, metric string) band {
	st, err := r.stats()
	if err != nil {
		return band{}
	}
	return statBand(st, id, metric)
}

// final returns the band's last median, or 0 for an empty band.
func (b band) final() float64 {
	if len(b.mid) == 0 {
		return 0
	}
	return b.mid[len(b.mid)-1]
}

// max returns the largest upper value, or 0 for an empty band.
func (b band) max() float64 {
	m := 0.0
	for _, v := range b.hi {
		m = math.Max(m, v)
	}
	return m
}

// yearRange returns the first and last decimal years of run 0.
func yearRange(r *Report) (first, last float64) {
	s := r.Collectors[0].snapshots
	return s[0].Year, s[len(s)-1].Year
}

// plottedAgents returns the agents the alignment plot shows: every agent
// that is not a pole, focal first, then in scenario order. The order fixes
// each agent's colour.
func plottedAgents(r *Report) []string {
	var out []string
	focal := r.focal()
	for _, id := range r.agentIDs() {
		if poleSide(r.Scenario, id) != 0 {
			continue
		}
		if id == focal {
			out = append([]string{id}, out...)
			continue
		}
		out = append(out, id)
	}
	return out
}

package sim

import "math"

// influenceRow fills row (length n) with the normalised influence weights
// of every agent on non-pole agent i and returns the part of i's update
// that comes from fixed anchors (institution poles and threat responses),
// already normalised. The update is Friedkin–Johnsen's with anchors:
//
//	x_i(t+1) = λ_i·(Σ_j W_ij·x_j(t) + b_i) + (1−λ_i)·x_i(0)
//
// where the raw weight of j on i is
//
//	r_ii = influence_self
//	r_ij = e·energy share + s·security dependence + c·culture
//	       + r·max(0, affinity) + action-built influence,
//
// a member's institution k adds weight inst·influence_k on the anchor
// pole_k, and a threat from j adds threat·|response_i|·level_ij on the
// anchor −x_j (balancing) or x_j (bandwagoning). All weights of a row,
// anchors included, are divided by their sum, so W's row plus the anchor
// weights sum to one.
func (w *World) influenceRow(s *state, d *derived, x []float64, i int, row []float64) (anchor float64) {
	total, anchor := w.rawRow(s, d, i, row)
	resp := w.agents[i].threat
	if w.threatWeights(s, i, w.threatBuf) {
		for j, t := range w.threatBuf {
			if t == 0 {
				continue
			}
			if resp > 0 {
				anchor -= t * x[j]
			} else {
				anchor += t * x[j]
			}
			total += t
		}
	}
	for j := range row {
		row[j] /= total
	}
	return anchor / total
}

// rawRow fills row with the raw (unnormalised) weights of every agent on
// non-pole agent i: self, energy share, security dependence, culture,
// relation and action-built influence. It returns their sum plus the
// institution weights (total), and the institution weights times their
// poles (fixed).
func (w *World) rawRow(s *state, d *derived, i int, row []float64) (total, fixed float64) {
	n := len(w.agents)
	p := &w.p
	evTotal := 0.0
	for j := range w.agents {
		evTotal += d.evalue[i*n+j]
	}
	armsBase := w.armsBase(s, i)
	total = p.InfluenceSelf
	row[i] = p.InfluenceSelf
	for j := range w.agents {
		if j == i {
			continue
		}
		r := w.tieWeight(s, i, j)
		if evTotal > 0 {
			r += p.InfluenceEnergy * d.evalue[i*n+j] / evTotal
		}
		r += w.securityWeight(s, i, j, armsBase)
		row[j] = r
		total += r
	}
	w.instBuf = w.instTerms(s, i, w.instBuf[:0])
	total, fixed = addInstTerms(w.instBuf, row, total)
	return total, fixed
}

// The parts of the raw weight of j on i (rawRow) that do not depend on
// energy, shared with the rows a decision phase keeps (phaseRows):
// culture, relation and action-built influence (tieWeight), and security
// dependence on arms bought and cooperation (securityWeight, over i's own
// arms, armsBase).

func (w *World) tieWeight(s *state, i, j int) float64 {
	n, p := len(w.agents), &w.p
	return p.InfluenceCulture*w.culture[i*n+j] + p.InfluenceRelation*max(0, s.aff[i*n+j]) + s.infl[i*n+j]
}

func (w *World) securityWeight(s *state, i, j int, armsBase float64) float64 {
	n := len(w.agents)
	return w.p.InfluenceSecurity * (s.armsFrom[i*n+j]/armsBase + s.coop[i*n+j])
}

// armsBase is i's own military power: its capability and arms stock.
func (w *World) armsBase(s *state, i int) float64 { return w.agents[i].capability + w.armsOf(s, i) }

// instTerm is what one membership adds to a row: an anchor of weight m
// at the institution's pole, and the leader's leverage.
type instTerm struct {
	m, pole float64
	leader  int // -1 when no leverage enters the row
	lev     float64
}

// instTerms appends to out the terms of i's memberships in s, in
// institution order.
func (w *World) instTerms(s *state, i int, out []instTerm) []instTerm {
	n := len(w.agents)
	for k, in := range w.insts {
		if s.member[k*n+i] {
			t := instTerm{m: w.p.InfluenceInstitution * in.spec.Influence, pole: in.spec.Pole, leader: -1}
			if l := in.leader; l >= 0 && l != i && in.spec.Leverage > 0 {
				t.leader, t.lev = l, in.spec.Leverage
			}
			out = append(out, t)
		}
	}
	return out
}

// addInstTerms adds membership terms to a row and its total, and returns
// the new total and the anchor weight times the poles (fixed).
func addInstTerms(terms []instTerm, row []float64, total float64) (newTotal, fixed float64) {
	for _, t := range terms {
		fixed += t.m * t.pole
		total += t.m
		if t.leader >= 0 {
			row[t.leader] += t.lev
			total += t.lev
		}
	}
	return total, fixed
}

// threatWeights fills out (length n) with the raw weight of i's response
// to the threat from each agent j: influence_threat·|threat_response_i|·
// level_ij, zero if i ignores threats or j does not threaten it. It
// reports whether any weight is not zero.
//
// The level is how much j threatens i: the pressure j exerts on i, the
// coups j plots in i, and, for every conflict i is in, the power j
// commits to i's adversary relative to i's own. All of a row's levels
// are found in one pass over the conflicts, since a row is rebuilt for
// every option an agent weighs.
func (w *World) threatWeights(s *state, i int, out []float64) bool {
	resp := w.agents[i].threat
	if resp == 0 {
		return false
	}
	n := len(w.agents)
	for j := range out {
		out[j] = directThreat(s, n, i, j)
	}
	own := w.armsBase(s, i)
	for c := range w.conflicts {
		other, ok := w.adversary(s, c, i)
		if !ok {
			continue
		}
		for _, pt := range w.conflicts[c].patrons {
			if pt.side == other {
				out[pt.agent] += w.patronThreat(pt, own)
			}
		}
	}
	any := false
	for j, lvl := range out {
		out[j] = w.threatFromLevel(resp, lvl)
		any = any || lvl > 0
	}
	return any
}

// threatWeight is threatWeights' weight of agent j alone: the same sums
// in the same order, for a change that moves one column of a row.
func (w *World) threatWeight(s *state, i, j int) float64 {
	resp := w.agents[i].threat
	if resp == 0 {
		return 0
	}
	lvl := directThreat(s, len(w.agents), i, j)
	own := w.armsBase(s, i)
	for c := range w.conflicts {
		other, ok := w.adversary(s, c, i)
		if !ok {
			continue
		}
		for _, pt := range w.conflicts[c].patrons {
			if pt.side == other && pt.agent == j {
				lvl += w.patronThreat(pt, own)
			}
		}
	}
	return w.threatFromLevel(resp, lvl)
}

// directThreat is the threat level i feels from j outside conflicts: the
// pressure j puts on i, the coups j plots in i and i's alarm at j.
func directThreat(s *state, n, i, j int) float64 {
	return s.press[j*n+i] + s.plotBy[i*n+j] + s.alarm[i*n+j]
}

// patronThreat is the threat level a patron of one's adversary adds: the
// power it commits, relative to one's own power own.
func (w *World) patronThreat(pt patron, own float64) float64 {
	return pt.support * w.agents[pt.agent].capability / own
}

// threatFromLevel is the weight in the row of an agent of threat response
// resp of a threat of level lvl; a level of zero or less weighs nothing.
func (w *World) threatFromLevel(resp, lvl float64) float64 {
	if lvl <= 0 {
		return 0
	}
	return w.p.InfluenceThreat * math.Abs(resp) * lvl
}

// lambda is 1 − stubbornness for non-poles and 0 for poles, whose
// alignment is fixed.
func (w *World) lambda(i int) float64 {
	if w.agents[i].pole != 0 {
		return 0
	}
	return 1 - w.agents[i].stubborn
}

// linearRow writes agent i's update as a linear map of the alignments,
// x_i(t+1) = Σ_j row_j·x_j(t) + c: the threat anchors ∓x_j are folded into
// the row, the institution poles and the prejudice into c. It is the
// same update as influenceRow's, in the form that can be iterated without
// rebuilding the weights.
func (w *World) linearRow(s *state, d *derived, i int, row []float64) (c float64) {
	if w.agents[i].pole != 0 {
		clear(row)
		return w.agents[i].pole
	}
	any := w.threatWeights(s, i, w.threatBuf)
	return w.linearRowWith(s, d, i, row, w.threatBuf, any)
}

// linearRowWith is linearRow for a non-pole agent with its threat weights
// given (any: whether one is not zero).
func (w *World) linearRowWith(s *state, d *derived, i int, row, threat []float64, any bool) (c float64) {
	total, fixed := w.rawRow(s, d, i, row)
	return w.finishRow(i, row, total, fixed, threat, any, s.anchor[i])
}

// finishRow completes linearRow from the raw weights in row, their total
// and the fixed anchors: it folds in the threat weights (when any), scales
// by λ_i over the total and returns the constant term, with prejudice
// anchor.
func (w *World) finishRow(i int, row []float64, total, fixed float64, threat []float64, any bool, anchor float64) (c float64) {
	if any {
		total = w.foldThreats(i, row, total, threat)
	}
	l := w.lambda(i)
	k := l / total
	for j := range row {
		row[j] *= k
	}
	return fixed*k + (1-l)*anchor
}

// foldThreats folds the threat weights of row i into it, and returns its
// new total: a balancer pulls away from a threat, a bandwagoner toward it.
func (w *World) foldThreats(i int, row []float64, total float64, threat []float64) float64 {
	resp := w.agents[i].threat
	for j, t := range threat {
		if t == 0 {
			continue
		}
		if resp > 0 {
			row[j] -= t
		} else {
			row[j] += t
		}
		total += t
	}
	return total
}

// alignNext is agent i's alignment after one update from alignments x,
// before direct shifts.
func (w *World) alignNext(s *state, d *derived, x []float64, i int, row []float64) float64 {
	if w.agents[i].pole != 0 {
		return w.agents[i].pole
	}
	return applyRow(w.linearRow(s, d, i, row), row, x)
}

// applyRow is one update of an alignment from alignments x by its linear
// row and constant c (linearRow): c + row·x, kept in [-1, 1].
func applyRow(c float64, row, x []float64) float64 {
	for j, lij := range row {
		c += lij * x[j]
	}
	return clamp(c, -1, 1)
}

// alignmentUtility is what i makes of the alignments in x: a non-pole
// wants to sit at its ideal (1 − |x−ideal|/2: 1 at the ideal, falling by
// a quarter for every half-unit away); a pole wants the agents of its sphere on
// its side (the mean of (1+pole·x_j)/2).
func (w *World) alignmentUtility(x, ideal []float64, i int) float64 {
	a := &w.agents[i]
	if a.pole == 0 {
		return 1 - math.Abs(x[i]-ideal[i])/2
	}
	if len(a.sphere) == 0 {
		return 0.5
	}
	u := 0.0
	for _, j := range a.sphere {
		u += (1 + a.pole*x[j]) / 2
	}
	return u / float64(len(a.sphere))
}

// Influence returns the current alignment update in matrix form: W
// (n×n, row-major), the anchor term b, λ and the prejudices x(0), so that
// x(t+1) = ΛWx(t) + Λb + (I−Λ)x(0). Poles have λ = 0 and x(0) = their
// pole. With no actions, events or other change, the alignments converge
// to (I−ΛW)⁻¹(Λb + (I−Λ)x(0)).
func (w *World) Influence() (W, b, lambda, x0 []float64) {
	n := len(w.agents)
	W, b, lambda, x0 = make([]float64, n*n), make([]float64, n), make([]float64, n), make([]float64, n)
	w.energy(&w.st, &w.base, w.cal.YearFraction(w.turn))
	for i := range w.agents {
		lambda[i] = w.lambda(i)
		x0[i] = w.st.anchor[i]
		if w.agents[i].pole != 0 {
			continue
		}
		b[i] = w.influenceRow(&w.st, &w.base, w.st.x, i, W[i*n:(i+1)*n])
	}
	return W, b, lambda, x0
}

// Alignment returns a copy of the current alignments in agent order.
func (w *World) Alignment() []float64 { return append([]float64(nil), w.st.x...) }

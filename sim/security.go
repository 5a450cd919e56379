package sim

// sidePower is the military power a conflict party brings: its capability
// and arms plus the share of each patron's capability committed to it.
func (w *World) sidePower(s *state, c int, side int) float64 {
	p := w.agents[side].capability + w.armsOf(s, side)
	for _, pt := range w.conflicts[c].patrons {
		if pt.side == side && pt.agent >= 0 {
			p += pt.support * w.agents[pt.agent].capability
		}
	}
	return p
}

// armsOf is i's arms stock: its own plus everything it bought.
func (w *World) armsOf(s *state, i int) float64 {
	n := len(w.agents)
	v := s.arms[i]
	for j := range w.agents {
		v += s.armsFrom[i*n+j]
	}
	return v
}

// balance is a party's share of the combined power in conflict c.
func (w *World) balance(s *state, c, side int) float64 {
	cf := &w.conflicts[c]
	other := cf.b
	if side == cf.b {
		other = cf.a
	}
	mine, theirs := w.sidePower(s, c, side), w.sidePower(s, c, other)
	return mine / (mine + theirs)
}

// security computes i's security in [0,1]:
//
//	S = a_b·own/(own+threat) + a_s·stability + a_c·min(1, Σ cooperation)
//	    − a_p·min(1, Σ pressure received) − a_w·max war intensity
//
// own is i's capability and arms plus the guarantees of its security
// institutions (a share of the other members' capability); threat is the
// power of its conflict adversaries with their patrons, plus a share of
// the capability of every state hostile to it.
func (w *World) security(s *state, i int) float64 {
	n := len(w.agents)
	p := &w.p
	a := &w.agents[i]
	own := a.capability + w.armsOf(s, i)
	for k, in := range w.insts {
		if !s.member[k*n+i] || in.spec.Security == 0 {
			continue
		}
		for j := range w.agents {
			if j != i && s.member[k*n+j] {
				own += in.spec.Security * w.agents[j].capability
			}
		}
	}
	threat, war := 0.0, 0.0
	for c := range w.conflicts {
		cf := &w.conflicts[c]
		if s.ended[c] || (cf.a != i && cf.b != i) {
			continue
		}
		other := cf.b
		if i == cf.b {
			other = cf.a
		}
		threat += w.sidePower(s, c, other)
		war = max(war, s.intensity[c])
	}
	coop, pressure := 0.0, 0.0
	for j := range w.agents {
		if j == i {
			continue
		}
		if aff := s.aff[i*n+j]; aff < 0 {
			threat += p.HostilityThreat * -aff * w.agents[j].capability
		}
		coop += s.coop[i*n+j]
		pressure += s.press[j*n+i]
	}
	bal := 1.0
	if threat > 0 {
		bal = own / (own + threat)
	}
	v := p.SecurityBalance*bal + p.SecurityStability*s.stability[i] + p.SecurityCooperation*min(1, coop) -
		p.PressurePenalty*min(1, pressure) - p.WarPenalty*war
	return clamp(v, 0, 1)
}

// conflictUtility is what i gains or loses from the conflicts it is in or
// brokers. A party values intensity by its odds: stake·intensity·(2b−1),
// so fighting pays only a side with the upper hand; a war won is worth the
// whole stake to the winner and costs the loser its stake. A broker values
// an active conflict kept frozen: preference·(1−intensity).
func (w *World) conflictUtility(s *state, i int) float64 {
	u := 0.0
	for c := range w.conflicts {
		cf := &w.conflicts[c]
		stake := 0.0
		switch i {
		case cf.a:
			stake = cf.stakeA
		case cf.b:
			stake = cf.stakeB
		}
		if s.ended[c] {
			switch {
			case s.winner[c] == i:
				u += stake
			case s.winner[c] >= 0 && stake != 0:
				u -= stake
			}
			continue
		}
		if stake != 0 {
			u += stake * s.intensity[c] * (2*w.balance(s, c, i) - 1)
		}
		for _, b := range cf.brokers {
			if b.agent == i {
				u += b.preference * (1 - s.intensity[c])
			}
		}
	}
	return u
}

// phase names a conflict's intensity band.
func (w *World) phase(s *state, c int) string {
	switch {
	case s.ended[c]:
		return "ended"
	case s.intensity[c] < w.p.FrozenBelow:
		return "frozen"
	case s.intensity[c] < w.p.WarAbove:
		return "skirmish"
	}
	return "war"
}

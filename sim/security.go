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
func (w *World) armsOf(s *state, i int) float64 { return s.stock[i] }

// stockOf adds up i's arms stock from its parts. Security reads the
// stock of every hostile state for every option weighed, so the sum is
// kept in s.stock, recomputed by restock whenever a part changes.
func (w *World) stockOf(s *state, i int) float64 {
	n := len(w.agents)
	v := s.arms[i]
	for j := range w.agents {
		v += s.armsFrom[i*n+j]
	}
	return v
}

// restock brings i's kept arms stock up to date, through the edits of a
// look-ahead so that it is taken back with them.
func (w *World) restock(s *state, i int) {
	*w.ed.float(&s.stock[i], unbounded) = w.stockOf(s, i)
}

func (w *World) restockAll(s *state) {
	for i := range w.agents {
		w.restock(s, i)
	}
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
// institutions (a share of the capability of the other members, except
// those that are its adversaries or back them); threat is the power of its
// conflict adversaries with their patrons, plus a share of the capability
// and arms of every state hostile to it. A war lost counts as war at full
// intensity for good; a war won removes the threat.
func (w *World) security(s *state, i int) float64 {
	return w.securityOf(s, i, w.sumSecurity(s, i))
}

// securityParts are the sums security is made of (see security): own
// power with the guarantees of allies, threat, cooperation and pressure
// received, and the war level. They are kept apart so that an option
// that moves one of them is valued by adding up that one again
// (deltas.go).
type securityParts struct{ own, threat, coop, pressure, war float64 }

// sumSecurity adds up the parts of i's security in s.
func (w *World) sumSecurity(s *state, i int) securityParts {
	return securityParts{own: w.ownPower(s, i), threat: w.threatOn(s, i), coop: w.cooperation(s, i),
		pressure: w.pressureOn(s, i), war: w.warLevel(s, i)}
}

// ownPower is i's capability and arms plus the guarantees of its allies.
func (w *World) ownPower(s *state, i int) float64 {
	n := len(w.agents)
	own := w.armsBase(s, i)
	for k, in := range w.insts {
		if !s.member[k*n+i] || in.spec.Security == 0 {
			continue
		}
		if in.leader >= 0 && s.opp[i*n+in.leader] {
			// A bloc whose leader backs one's adversary guarantees
			// nothing: its members will not stand against their leader's
			// client (Azerbaijan in the CST, with Russia behind Armenia).
			continue
		}
		for j := range w.agents {
			// An ally that is i's adversary, or backs one, guarantees
			// nothing against that war (Russia in the CST with Armenia),
			// nor does one hostile to i.
			if j != i && s.member[k*n+j] && !s.opp[i*n+j] && s.aff[j*n+i] >= 0 {
				own += in.spec.Security * w.agents[j].capability
			}
		}
	}
	return own
}

// threatOn is the power of i's conflict adversaries with their patrons,
// plus a share of the power of every state hostile to it.
func (w *World) threatOn(s *state, i int) float64 {
	threat := 0.0
	for c := range w.conflicts {
		if other, ok := w.adversary(s, c, i); ok {
			threat += w.sidePower(s, c, other)
		}
	}
	for j := range w.agents {
		if j != i {
			threat += w.hostility(s, i, j)
		}
	}
	return threat
}

// hostility is the share of j's power that threatens i for j's hostility
// to it (none unless i's relation to j is below zero).
func (w *World) hostility(s *state, i, j int) float64 {
	if aff := s.aff[i*len(w.agents)+j]; aff < 0 {
		return w.p.HostilityThreat * -aff * (w.agents[j].capability + w.armsOf(s, j))
	}
	return 0
}

// cooperation is the security cooperation i has with all others.
func (w *World) cooperation(s *state, i int) float64 {
	n := len(w.agents)
	coop := 0.0
	for j := range w.agents {
		if j != i {
			coop += s.coop[i*n+j]
		}
	}
	return coop
}

// pressureOn is the pressure i receives and the alarm it feels.
func (w *World) pressureOn(s *state, i int) float64 {
	n := len(w.agents)
	pressure := 0.0
	for j := range w.agents {
		if j != i {
			pressure += s.press[j*n+i] + s.alarm[i*n+j]
		}
	}
	return pressure
}

// securityOf is i's security in s from its parts.
func (w *World) securityOf(s *state, i int, sp securityParts) float64 {
	p := &w.p
	bal := 1.0
	if sp.threat > 0 {
		bal = sp.own / (sp.own + sp.threat)
	}
	v := p.SecurityBalance*bal + p.SecurityStability*s.stability[i] + p.SecurityCooperation*min(1, sp.coop) -
		p.PressurePenalty*min(1, sp.pressure) - p.WarPenalty*sp.war
	return clamp(v, 0, 1)
}

// pairSecurity is what agent j adds to i's security in s, but its
// guarantee as an ally (see securityParts): the threat of its hostility,
// the cooperation and pressure between them; and whether it trusts i
// (is not hostile to it), which its guarantee requires.
func (w *World) pairSecurity(s *state, i, j int) (sp securityParts, trusts bool) {
	n := len(w.agents)
	sp.threat = w.hostility(s, i, j)
	sp.coop = s.coop[i*n+j]
	sp.pressure = s.press[j*n+i] + s.alarm[i*n+j]
	return sp, s.aff[j*n+i] >= 0
}

// warLevel is the war term of i's security: the highest intensity of the
// active conflicts i is party to, or 1 after a war it lost (the victor
// still threatens and holds what it took, so the loser carries the full
// war penalty from then on).
func (w *World) warLevel(s *state, i int) float64 {
	war := 0.0
	for c := range w.conflicts {
		if _, ok := w.adversary(s, c, i); !ok {
			continue
		}
		if s.ended[c] {
			return 1
		}
		war = max(war, s.intensity[c])
	}
	return war
}

// adversary returns the party that conflict c sets against i: the other
// side while the conflict is active, or the victor of a war i lost. ok is
// false when c does not (or no longer) set anyone against i.
func (w *World) adversary(s *state, c, i int) (other int, ok bool) {
	cf := &w.conflicts[c]
	switch i {
	case cf.a:
		other = cf.b
	case cf.b:
		other = cf.a
	default:
		return -1, false
	}
	if s.ended[c] && s.winner[c] != other {
		return -1, false
	}
	return other, true
}

// opposes reports whether j is i's adversary, or a patron of one.
func (w *World) opposes(s *state, j, i int) bool {
	for c := range w.conflicts {
		other, ok := w.adversary(s, c, i)
		if !ok {
			continue
		}
		if j == other {
			return true
		}
		for _, pt := range w.conflicts[c].patrons {
			if pt.agent == j && pt.side == other {
				return true
			}
		}
	}
	return false
}

// reoppose brings s.opp up to date with the conflicts of s. Who opposes
// whom changes only when a conflict ends, and security asks it of every
// pair of allies for every option weighed.
func (w *World) reoppose(s *state) {
	n := len(w.agents)
	for i := range w.agents {
		for j := range w.agents {
			s.opp[i*n+j] = w.opposes(s, j, i)
		}
	}
}

// conflictUtility is what i gains or loses from the conflicts it is in or
// brokers. A party values intensity by its odds: stake·intensity·(2b−1),
// so fighting pays only a side with the upper hand. A side strong enough
// to win outright (b at or above the conflict's victory share) also sees
// the prospect of victory, stake·min(1, intensity/war_above): the closer
// to open war, the closer the win. A war won is worth the whole stake to
// the winner and costs the loser its stake. A broker values an active
// conflict kept frozen and deadlocked: preference·(1−intensity)·deadlock.
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
			b := w.balance(s, c, i)
			held := s.control[c]
			if i == cf.b {
				held = 1 - held
			}
			u += stake * (2*held - 1)
			u += stake * s.intensity[c] * (2*b - 1)
			if b >= cf.spec.Victory {
				// The prospect of taking what the other side still holds:
				// nothing for a side that holds it all already.
				u += stake * (1 - held) * min(1, s.intensity[c]/w.p.WarAbove)
			}
		}
		for _, b := range cf.brokers {
			if b.agent == i {
				u += b.preference * (1 - s.intensity[c]) * w.deadlock(s, c)
			}
		}
	}
	return u
}

// deadlock is how firmly conflict c is stuck, in [0,1]: 1 while neither
// side holds more than three quarters of the way from an even balance to
// the power it needs to win (the conflict's victory share), falling to 0
// as the stronger side reaches it. A broker's frozen conflict is worth as much as it is
// deadlocked: it sells to either side while the balance is safe, and
// arms the side that falls behind when it is not. Moscow, Yerevan's
// ally, also sold arms to Baku.
func (w *World) deadlock(s *state, c int) float64 {
	cf := &w.conflicts[c]
	v := cf.spec.Victory
	if v <= 0.5 {
		return 1
	}
	b := w.balance(s, c, cf.a)
	top := max(b, 1-b)
	safe := v - (v-0.5)/4
	return min(1, max(0, (v-top)/(v-safe)))
}

// phase names a conflict's intensity band.
func (w *World) phase(s *state, c int) Phase {
	switch {
	case s.ended[c]:
		return Over
	case s.intensity[c] < w.p.FrozenBelow:
		return Frozen
	case s.intensity[c] < w.p.WarAbove:
		return Skirmish
	}
	return War
}

package sim

import (
	"math"
	"math/rand/v2"
	"testing"
)

// newSmall is a world of the reduced scenario, ready for its first turn.
func newSmall(t *testing.T) *World {
	t.Helper()
	w, err := New(smallScenario(), Options{Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	return w
}

func (w *World) mustIndex(t *testing.T, id string) int {
	t.Helper()
	for i, a := range w.agents {
		if a.id == id {
			return i
		}
	}
	for i, r := range w.routes {
		if r.spec.ID == id {
			return i
		}
	}
	for i, in := range w.insts {
		if in.spec.ID == id {
			return i
		}
	}
	for i, g := range w.agrs {
		if g.spec.ID == id {
			return i
		}
	}
	t.Fatalf("no %q", id)
	return -1
}

// TestSettleNeedsEveryParty commits every party to every proposed route,
// and signs every treaty, in each decision phase of a run, and settles: a
// project goes ahead only if every party values it positively, and a
// party that does not withdraws. Both outcomes must occur.
func TestSettleNeedsEveryParty(t *testing.T) {
	w := newSmall(t)
	n := len(w.agents)
	saved := &state{}
	saved.alloc(n, len(w.routes), len(w.conflicts), len(w.insts), len(w.agrs))
	built, refused := 0, 0
	err := decisionPhases(w, func() error {
		for r := range w.routes {
			if w.st.routeStatus[r] != Proposed {
				continue
			}
			saved.copyFrom(&w.st)
			values := map[int]float64{}
			for _, q := range w.routes[r].parties {
				w.st.committed[r*n+q] = true
				values[q] = w.commitValue(q, r).Sum()
			}
			w.settle(&w.st, true)
			all := true
			for q, v := range values {
				all = all && v > 0
				if v <= 0 && w.st.committed[r*n+q] {
					t.Errorf("%s: %s keeps its commitment to %s at a value of %v", w.label(), w.agents[q].id, w.routes[r].spec.ID, v)
				}
			}
			if got := w.st.routeStatus[r] == Building; got != all {
				t.Errorf("%s: %s building %v, every party positive %v (%v)", w.label(), w.routes[r].spec.ID, got, all, values)
			}
			if all {
				built++
			} else {
				refused++
			}
			w.st.copyFrom(saved)
			w.newPhase()
		}
		for g := range w.agrs {
			if w.st.inForce[g] {
				continue
			}
			saved.copyFrom(&w.st)
			all := true
			for _, q := range w.agrs[g].parties {
				w.st.signed[g*n+q] = true
				all = all && w.agreementValue(q, g).Sum() > 0
			}
			w.settle(&w.st, true)
			if w.st.inForce[g] != all {
				t.Errorf("%s: %s in force %v, every party positive %v", w.label(), w.agrs[g].spec.ID, w.st.inForce[g], all)
			}
			w.st.copyFrom(saved)
			w.newPhase()
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if built == 0 || refused == 0 {
		t.Errorf("%d projects went ahead and %d were refused: the test needs both", built, refused)
	}
}

// TestSupplySecurityNeverRewardsLosingGas draws random deliveries to a
// consumer and raises one supplier's: the consumer's supply security never
// falls, and a single supplier never counts for more than the cap.
func TestSupplySecurityNeverRewardsLosingGas(t *testing.T) {
	w := newSmall(t)
	n := len(w.agents)
	d := &w.scratch
	c := w.mustIndex(t, "WES")
	rng := rand.New(rand.NewPCG(1, 2))
	for range 2000 {
		d.demandGas[c] = 1 + 100*rng.Float64()
		for s := range n {
			d.inflow[c*n+s] = 0
			if rng.IntN(2) == 0 {
				d.inflow[c*n+s] = 80 * rng.Float64()
			}
		}
		before := w.supplySecurity(d, c)
		s := rng.IntN(n)
		d.inflow[c*n+s] += 30 * rng.Float64()
		if after := w.supplySecurity(d, c); after < before-1e-12 {
			t.Fatalf("more gas from %s lowered supply security from %v to %v", w.agents[s].id, before, after)
		}
		for q := range n {
			d.inflow[c*n+q] = 0
		}
		d.inflow[c*n+s] = 2 * d.demandGas[c]
		if got := w.supplySecurity(d, c); math.Abs(got-w.p.SupplierCap) > 1e-12 {
			t.Fatalf("one supplier of all the demand scores %v, want the cap %v", got, w.p.SupplierCap)
		}
	}
}

// TestOneDealPerBuyer offers two arms deals to one buyer and one to
// another: the buyer takes the offer it values most, the other lapses; a
// player's deal wins over the agents'.
func TestOneDealPerBuyer(t *testing.T) {
	w := newSmall(t)
	eas, wes, prd, riv := w.mustIndex(t, "EAS"), w.mustIndex(t, "WES"), w.mustIndex(t, "PRD"), w.mustIndex(t, "RIV")
	deal := func(seller, buyer int, theirs float64, player bool) pick {
		return pick{actor: seller, option: option{kind: kArmsDeal, target: buyer, consent: buyer, theirs: theirs}, player: player}
	}
	tests := []struct {
		name  string
		picks []pick
		kept  []int // sellers kept, in order
	}{
		{"the better offer", []pick{deal(eas, prd, 0.001, false), deal(wes, prd, 0.002, false), deal(eas, riv, 0.001, false)}, []int{wes, eas}},
		{"a tie goes to the first", []pick{deal(eas, prd, 0.002, false), deal(wes, prd, 0.002, false)}, []int{eas}},
		{"a player's deal", []pick{deal(eas, prd, 0.009, false), deal(wes, prd, 0.001, true)}, []int{wes}},
	}
	for _, tc := range tests {
		w.picks = append(w.picks[:0], tc.picks...)
		w.oneDealPerBuyer()
		var got []int
		for _, p := range w.picks {
			got = append(got, p.actor)
		}
		if len(got) != len(tc.kept) {
			t.Errorf("%s: kept sellers %v, want %v", tc.name, got, tc.kept)
			continue
		}
		for i := range got {
			if got[i] != tc.kept[i] {
				t.Errorf("%s: kept sellers %v, want %v", tc.name, got, tc.kept)
			}
		}
	}
}

// TestArmsPrice sells arms to a member of the seller's security bloc and
// to a state outside it: the ally pays model.ally_price of the price, the
// other the whole price, and the seller earns what the buyer pays.
func TestArmsPrice(t *testing.T) {
	for _, share := range []float64{0, 0.2, 1} {
		w := newSmall(t)
		w.p.AllyPrice = share
		eas, prd, riv := w.mustIndex(t, "EAS"), w.mustIndex(t, "PRD"), w.mustIndex(t, "RIV")
		price := w.effect(kArmsDeal).Revenue
		for _, tc := range []struct {
			buyer int
			want  float64
		}{{riv, share * price}, {prd, price}} {
			before, seller := w.st.stakes[tc.buyer], w.st.stakes[eas]
			w.apply(&w.st, eas, kArmsDeal, tc.buyer, w.shift)
			paid, earned := before-w.st.stakes[tc.buyer], w.st.stakes[eas]-seller
			if math.Abs(paid-tc.want) > 1e-12 || math.Abs(earned-tc.want) > 1e-12 {
				t.Errorf("ally price %v: %s paid %v and the seller earned %v, want %v", share, w.agents[tc.buyer].id, paid, earned, tc.want)
			}
		}
	}
}

// TestDeadlock moves the balance of the reduced scenario's conflict by
// arming one side: the deadlock is 1 while the balance is safe, falls as
// the stronger side nears the victory share, whichever side it is, and is
// 0 from there on.
func TestDeadlock(t *testing.T) {
	w := newSmall(t)
	n := len(w.agents)
	prd, riv := w.mustIndex(t, "PRD"), w.mustIndex(t, "RIV")
	v := w.conflicts[0].spec.Victory
	for _, side := range []int{prd, riv} {
		prev := 2.0
		sawSafe, sawBetween := false, false
		for k := range 200 {
			w.st.armsFrom[side*n+side] = 0.05 * float64(k)
			w.restock(&w.st, side)
			b := w.balance(&w.st, 0, side)
			got := w.deadlock(&w.st, 0)
			if got > prev+1e-12 {
				t.Fatalf("%s at balance %v: deadlock rose to %v from %v", w.agents[side].id, b, got, prev)
			}
			switch {
			case b >= v && got != 0:
				t.Fatalf("%s at balance %v, past victory at %v: deadlock %v", w.agents[side].id, b, v, got)
			case b > 0.5 && b <= v-(v-0.5)/4 && got != 1:
				t.Fatalf("%s at a safe balance %v: deadlock %v", w.agents[side].id, b, got)
			}
			sawSafe = sawSafe || got == 1
			sawBetween = sawBetween || (got > 0 && got < 1)
			prev = got
		}
		w.st.armsFrom[side*n+side] = 0
		w.restock(&w.st, side)
		if !sawSafe || !sawBetween {
			t.Errorf("%s: the sweep never reached a safe or an unsafe balance", w.agents[side].id)
		}
	}
}

// TestRivalPush pushes a rival route against a competing project under
// construction: the project opens the push's turns later, and each pair is
// pushed only once.
func TestRivalPush(t *testing.T) {
	w := newSmall(t)
	eas := w.mustIndex(t, "EAS")
	mine, theirs := w.mustIndex(t, "east-stream"), w.mustIndex(t, "gas-west")
	w.st.routeStatus[theirs] = Proposed
	if !w.pushable(&w.st, &w.routes[mine], mine, theirs) {
		t.Fatal("a proposed rival to the same market cannot be pushed against")
	}
	delay := w.effect(kRivalRoute).Turns
	w.apply(&w.st, eas, kRivalRoute, mine, w.shift)
	if got := w.st.routeDelay[theirs]; got != delay {
		t.Errorf("the rival's building time grew by %d turns, want %d", got, delay)
	}
	if w.pushable(&w.st, &w.routes[mine], mine, theirs) {
		t.Error("the same rival can be pushed against twice")
	}
	if !w.st.committed[mine*len(w.agents)+eas] {
		t.Error("pushing a proposed route does not commit its sponsor to it")
	}
}

// TestConcessions applies each kind of concession: the target does what
// is asked (joins, signs) or pledges not to do what is forbidden (leave,
// build) for four campaigns' lengths.
func TestConcessions(t *testing.T) {
	w := newSmall(t)
	n := len(w.agents)
	eas, prd, riv := w.mustIndex(t, "EAS"), w.mustIndex(t, "PRD"), w.mustIndex(t, "RIV")
	bloc, west, seabed := w.mustIndex(t, "bloc"), w.mustIndex(t, "west"), w.mustIndex(t, "seabed")
	until := w.turn + pledgeTurns*w.effect(kPressure).Turns

	w.concede(&w.st, eas, riv, kPressure, demand{demandStay, bloc}, w.shift)
	if w.st.pledgeLeave[bloc*n+riv] != until {
		t.Errorf("a pledge to stay lasts until turn %d, want %d", w.st.pledgeLeave[bloc*n+riv], until)
	}
	w.concede(&w.st, eas, prd, kPressure, demand{demandJoin, bloc}, w.shift)
	if !w.st.member[bloc*n+prd] || w.st.pledgeLeave[bloc*n+prd] != until {
		t.Error("a state that gives in to a demand to join is not a pledged member")
	}
	w.st.committed[west*n+prd] = true
	w.concede(&w.st, eas, prd, kPressure, demand{demandForgo, west}, w.shift)
	if w.st.committed[west*n+prd] || w.st.pledgeForgo[west*n+prd] != until {
		t.Error("a state that gives in to a demand to keep out of a route keeps its commitment, or pledges nothing")
	}
	w.concede(&w.st, eas, prd, kPressure, demand{demandSign, seabed}, w.shift)
	if !w.st.signed[seabed*n+prd] {
		t.Error("a state that gives in to a demand to sign does not sign")
	}
}

// TestLocalDeltaOfNothingIsZero values, by local deltas, options that
// move nothing: cooperation between two states whose relation and
// cooperation are at their ceiling, and partnership, outreach, pressure
// and an arms deal of size zero. Each must be worth exactly zero to both
// sides, or an option worth nothing would be chosen as often as doing
// nothing.
func TestLocalDeltaOfNothingIsZero(t *testing.T) {
	w := newSmall(t)
	if !w.BeginTurn(nil) || !w.Deciding() {
		t.Fatal("no decision phase in the first turn")
	}
	prd, trn, eas := w.mustIndex(t, "PRD"), w.mustIndex(t, "TRN"), w.mustIndex(t, "EAS")
	n := len(w.agents)
	for _, ij := range [][2]int{{prd, trn}, {trn, prd}} {
		w.st.aff[ij[0]*n+ij[1]], w.st.coop[ij[0]*n+ij[1]] = 1, 1
	}
	w.act.Partnership.Relation, w.act.Partnership.Shift = 0, 0
	w.act.Outreach.Relation, w.act.Outreach.Influence = 0, 0
	w.act.Pressure.Relation, w.act.Pressure.Pressure, w.act.Pressure.Revenue = 0, 0, 0
	w.act.ArmsDeal = Effect{}
	w.agents[eas].armsPerSale = 0
	w.newPhase()
	for _, c := range []struct {
		actor int
		o     option
	}{
		{prd, option{kind: kSecurityCoop, target: trn, consent: trn}},
		{prd, option{kind: kPartnership, target: trn, consent: trn}},
		{prd, option{kind: kOutreach, target: trn, consent: -1}},
		{prd, option{kind: kPressure, target: trn, consent: -1}},
		{eas, option{kind: kArmsDeal, target: trn, consent: trn}},
	} {
		o := c.o
		was := w.byDelta
		w.value(c.actor, &o)
		if w.byDelta == was {
			t.Errorf("%s: not valued by local deltas", kinds[o.kind].name)
		}
		if o.gain != (Terms{}) || o.theirs != 0 {
			t.Errorf("%s: a change that moves nothing is worth %+v, %v to the other", kinds[o.kind].name, o.gain, o.theirs)
		}
	}
}

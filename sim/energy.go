package sim

import (
	"math"
	"slices"
)

// Unit conversions to USD bn a year.
const (
	oilUSDbn = 365e3 / 1e9 // kb/d × USD/bbl → USD bn/yr
	gasUSDbn = 1e6 / 1e9   // bcm/yr × USD/kcm → USD bn/yr
)

// prices returns this turn's oil (USD/bbl) and gas (USD/kcm) prices.
func (w *World) prices(s *state, year float64) (oil, gas float64) {
	oil = w.sc.Prices.Oil.At(year) * s.priceFactor
	if w.sc.Prices.Gas.Empty() {
		gas = oil * w.sc.Prices.GasOilRatio
	} else {
		gas = w.sc.Prices.Gas.At(year) * s.priceFactor
	}
	return oil, gas
}

// routeOpen reports whether route r carries flow in state s this turn.
func (w *World) routeOpen(s *state, r int) bool {
	return s.routeStatus[r] == Open && s.routeShut[r] <= w.turn
}

// energy allocates every producer's exports to its open routes and
// computes revenues, supply security and energy ties, at the prices,
// production and demand of the given (decimal) year.
//
// Contracts come first: each open route carries its contracted volume
// (capped by its capacity and what its producer has left), and where a
// market's contracts exceed its demand they are cut pro rata, as
// take-or-pay contracts were renegotiated. Then routes are filled in
// order of netback (price less transit tariffs and fees, highest first,
// ties by scenario order): each carries the least of its spare capacity,
// what its producer has left to export, and what its market still
// demands. Producers thus ship first where they earn most, and a
// saturated market turns late arrivals away, which is how a rival
// pipeline keeps a competitor's gas out.
func (w *World) energy(s *state, d *derived, year float64) {
	n := len(w.agents)
	oilP, gasP := w.prices(s, year)
	clear(d.revenue)
	clear(d.inflow)
	clear(d.evalue)
	clear(d.flows)
	clear(d.contracted)
	w.startPools(d, year)
	if oilP != d.orderOil || gasP != d.orderGas || len(d.order) == 0 {
		w.netbackOrder(d, oilP, gasP)
	}
	pools := func(rt *route) (left, room *float64) {
		if rt.commodity == Gas {
			return &d.leftGas[rt.producer], &d.roomGas[rt.market]
		}
		return &d.leftOil[rt.producer], &d.roomOil[rt.market]
	}
	// Contracts: what each route's producer can deliver of its contract,
	// then each market's cut where the contracts exceed its demand.
	for _, r := range d.order {
		rt := &w.routes[r]
		if rt.spec.Contract <= 0 || !w.routeOpen(s, r) {
			continue
		}
		left, _ := pools(rt)
		c := min(rt.spec.Contract, rt.spec.Capacity, *left)
		*left -= c
		d.contracted[r] = c
		d.wanted[rt.market*2+commodityIndex(rt.commodity)] += c
	}
	for _, r := range d.order {
		c := d.contracted[r]
		if c <= 0 {
			continue
		}
		rt := &w.routes[r]
		left, room := pools(rt)
		if want := d.wanted[rt.market*2+commodityIndex(rt.commodity)]; want > *room && !math.IsInf(*room, 1) {
			cut := c * (1 - *room/want)
			*left += cut
			c -= cut
		}
		d.contracted[r] = c
	}
	for _, r := range d.order {
		if c := d.contracted[r]; c > 0 {
			_, room := pools(&w.routes[r])
			*room -= c
			d.flows[r] = c
		}
	}
	clear(d.wanted)
	// Volumes sold without contract, by netback.
	for _, r := range d.order {
		if !w.routeOpen(s, r) {
			continue
		}
		rt := &w.routes[r]
		left, room := pools(rt)
		f := min(rt.spec.Capacity-d.flows[r], *left, max(0, *room))
		if f <= 0 {
			continue
		}
		*left -= f
		*room -= f
		d.flows[r] += f
	}
	for _, r := range d.order {
		f := d.flows[r]
		if f <= 0 {
			continue
		}
		rt := &w.routes[r]
		m := rt.market
		unit := oilUSDbn
		if rt.commodity == Gas {
			unit = gasUSDbn
			d.inflow[m*n+rt.producer] += f
		}
		value := f * d.netback[r] * unit
		d.revenue[rt.producer] += value
		d.evalue[rt.producer*n+m] += value
		d.evalue[m*n+rt.producer] += value
		for _, t := range rt.transit {
			fee := f * rt.spec.Tariff * unit
			d.revenue[t] += fee
			d.evalue[rt.producer*n+t] += value
			d.evalue[t*n+rt.producer] += fee
		}
	}
	for c := range w.agents {
		d.supply[c] = w.supplySecurity(d, c)
	}
	copy(d.flowRevenue, d.revenue)
	for i := range w.agents {
		d.revenue[i] = w.revenueOf(s, d, i)
	}
}

func commodityIndex(c Commodity) int {
	if c == Gas {
		return 1
	}
	return 0
}

// supplySecurity is gas consumer c's supply-security index: the share of
// its demand met, where no supplier counts for more than
// model.supplier_cap of the demand. A market fed by one supplier thus
// scores at most the cap, diversity raises the score, and since each
// supplier's part only grows with its deliveries, losing gas never raises
// it.
func (w *World) supplySecurity(d *derived, c int) float64 {
	demand := d.demandGas[c]
	if demand <= 0 {
		return 0
	}
	n := len(w.agents)
	cap := w.p.SupplierCap * demand
	v := 0.0
	for s := range w.agents {
		v += min(d.inflow[c*n+s], cap)
	}
	return min(1, v/demand)
}

// revenueOf is i's total yearly revenue: what flows and transit fees
// earn (from the last allocation in d) plus stakes, memberships and
// treaties, less what pressure costs it.
func (w *World) revenueOf(s *state, d *derived, i int) float64 {
	return d.flowRevenue[i] + s.stakes[i] + w.institutionRevenue(s, i) + w.agreementRevenue(s, i) - w.pressureLoss(s, d, i)
}

// netbackOrder sorts every route with a positive netback at these prices,
// open or not, into d.order. Netbacks depend on prices alone, so the order
// is kept until prices change and closed routes are skipped when filling.
//
// A decision phase values worlds at the prices of several future turns
// in turn, so the last few orders are kept (w.orders) and copied rather
// than sorted again.
func (w *World) netbackOrder(d *derived, oilP, gasP float64) {
	d.orderOil, d.orderGas = oilP, gasP
	for k := range w.orders {
		if o := &w.orders[k]; o.oil == oilP && o.gas == gasP {
			d.order = append(d.order[:0], o.order...)
			copy(d.netback, o.netback)
			return
		}
	}
	defer w.keepOrder(d)
	d.order = d.order[:0]
	for r := range w.routes {
		rt := &w.routes[r]
		price := oilP
		if rt.commodity == Gas {
			price = gasP
		}
		d.netback[r] = price - rt.spec.Tariff*float64(len(rt.transit)) - rt.spec.TransitFee
		if d.netback[r] > 0 {
			d.order = append(d.order, r)
		}
	}
	slices.SortStableFunc(d.order, func(a, b int) int {
		switch {
		case d.netback[a] > d.netback[b]:
			return -1
		case d.netback[a] < d.netback[b]:
			return 1
		}
		return a - b
	})
}

// startPools fills d's pools with what every agent has to export and may
// still import in the given year, before any route carries anything.
// They depend on the year alone, and a decision phase allocates energy
// in a few years many times over, so the last few years' pools are kept
// (w.pools) and copied rather than read from the scenario's series again.
func (w *World) startPools(d *derived, year float64) {
	pools := [...][]float64{d.leftOil, d.leftGas, d.roomOil, d.roomGas, d.demandGas}
	for k := range w.pools {
		if p := &w.pools[k]; p.year == year {
			for j, dst := range pools {
				copy(dst, p.pools[j])
			}
			return
		}
	}
	for i := range w.agents {
		a := &w.agents[i]
		d.leftOil[i] = max(0, a.oil.At(year)*(1-a.domestic.Oil))
		d.leftGas[i] = max(0, a.gas.At(year)*(1-a.domestic.Gas))
		// Headroom: a market's demand less what routes delivered there;
		// zero demand means no limit (the world oil market).
		d.roomOil[i], d.roomGas[i] = math.Inf(1), math.Inf(1)
		if v := a.imports.Oil.At(year); v > 0 {
			d.roomOil[i] = v
		}
		d.demandGas[i] = max(0, a.imports.Gas.At(year))
		if d.demandGas[i] > 0 {
			d.roomGas[i] = d.demandGas[i]
		}
	}
	if len(w.pools) < keptPoolYears {
		p := keptPoolsOf{}
		for j := range p.pools {
			p.pools[j] = make([]float64, len(w.agents))
		}
		w.pools = append(w.pools, p)
	}
	p := &w.pools[w.nextPools%keptPoolYears]
	w.nextPools++
	p.year = year
	for j, src := range pools {
		copy(p.pools[j], src)
	}
}

// keptPoolYears is how many years' starting pools a world keeps.
const keptPoolYears = 32

// keptPoolsOf is the starting pools of one year: what each agent has left
// to export of oil and gas, its room for oil and gas imports, and its gas
// demand.
type keptPoolsOf struct {
	year  float64
	pools [5][]float64
}

// keptOrders is how many netback orders a world keeps.
const keptOrders = 64

// keptOrder is a netback order sorted at prices oil and gas.
type keptOrder struct {
	oil, gas float64
	order    []int
	netback  []float64
}

// keepOrder keeps d's netback order, replacing the oldest kept.
func (w *World) keepOrder(d *derived) {
	if len(w.orders) < keptOrders {
		w.orders = append(w.orders, keptOrder{netback: make([]float64, len(w.routes))})
	}
	o := &w.orders[w.nextOrder%keptOrders]
	w.nextOrder++
	o.oil, o.gas = d.orderOil, d.orderGas
	o.order = append(o.order[:0], d.order...)
	copy(o.netback, d.netback)
}

// institutionRevenue is the yearly benefit i draws from its memberships.
// A bloc whose leader has made war on i brings it nothing: trade with the
// attacker is the first casualty.
func (w *World) institutionRevenue(s *state, i int) float64 { return s.instRev[i] }

// instRevenueOf adds up what i's memberships earn it. Every revenue
// computed reads it for every agent, so the sum is kept in s.instRev,
// recomputed by keepInstRevenue whenever a membership or an attack
// changes.
func (w *World) instRevenueOf(s *state, i int) float64 {
	n := len(w.agents)
	v := 0.0
	for k, in := range w.insts {
		if s.member[k*n+i] && !(in.leader >= 0 && s.attacked[i*n+in.leader]) {
			v += in.spec.Revenue
		}
	}
	return v
}

// setMember makes i a member of institution k or not, through the edits
// of a look-ahead, keeping i's institution revenue up to date.
func (w *World) setMember(s *state, k, i int, member bool) {
	*w.ed.flag(&s.member[k*len(w.agents)+i]) = member
	w.keepInstRevenue(s, i)
}

// keepInstRevenue brings i's kept institution revenue up to date,
// through the edits of a look-ahead so that it is taken back with them.
func (w *World) keepInstRevenue(s *state, i int) {
	*w.ed.float(&s.instRev[i], unbounded) = w.instRevenueOf(s, i)
}

// agreementRevenue is the yearly gain i draws from treaties in force.
func (w *World) agreementRevenue(s *state, i int) float64 {
	v := 0.0
	for _, g := range w.agents[i].treaties {
		if s.inForce[g] {
			v += w.agrs[g].spec.Revenue
		}
	}
	return v
}

// pressureLoss is the yearly revenue i loses to the pressure it is under:
// a share of what its exports and transit earn, so that pressure weighs on
// a small state as on a large one. Pressure levels are in units of one
// pressure action, each of which costs the target the share
// actions.pressure.revenue of those earnings; the loss is capped at all of
// them.
func (w *World) pressureLoss(s *state, d *derived, i int) float64 {
	if d.flowRevenue[i] <= 0 {
		// Nothing to lose.
		return 0
	}
	n := len(w.agents)
	per := w.act.Pressure.Revenue
	if w.act.Pressure.Pressure > 0 {
		per /= w.act.Pressure.Pressure
	}
	v := 0.0
	for j := range w.agents {
		v += s.press[j*n+i]
	}
	return min(1, v*per) * max(0, d.flowRevenue[i])
}

// energyUtility maps i's economic position to [0,1]: revenue r counts as
// r/(|r|+scale), and a consumer averages it with its supply index. A pure
// consumer's revenue is what it earns and spends outside energy trade
// (an institution's market, a treaty, arms bought): it counts too, or
// arms would cost their buyer nothing and a common market would be worth
// nothing to a state that buys its gas.
func (w *World) energyUtility(d *derived, i int) float64 {
	return w.energyOf(i, d.revenue[i], d.supply[i])
}

// energyOf is energyUtility from i's revenue and supply index.
func (w *World) energyOf(i int, rev, supply float64) float64 {
	a := &w.agents[i]
	// Spending more than it earns (arms bought on credit, pressure) keeps
	// costing a state: below zero the utility goes on falling.
	ur := rev / (math.Abs(rev) + a.energyScale)
	if a.consumer {
		return (ur + supply) / 2
	}
	return ur
}

// energyInterest is the recorded energy component of i's interest vector.
func (w *World) energyInterest(d *derived, i int) float64 {
	a := &w.agents[i]
	if a.consumer && !a.producer && !a.transit {
		return d.supply[i]
	}
	return d.revenue[i]
}

package sim

// Scenario is everything a run needs: agents, their ties, routes,
// conflicts, institutions, dated events, hazards and the model's
// coefficients. It is plain data: the scenarios package fills it from a
// TOML file (the toml tags name the keys) and validates it; New checks it
// again, so a Scenario built in Go gets the same protection.
type Scenario struct {
	Name        string   `toml:"name"`
	Title       string   `toml:"title"`
	Description string   `toml:"description"`
	Info        Info     `toml:"info"`
	Calendar    Calendar `toml:"calendar"`
	Axis        Axis     `toml:"axis"`
	// Focal is the agent the scenario is about (Azerbaijan by default);
	// reports and the interests plot follow it.
	Focal string `toml:"focal"`
	// Prices are the world prices every producer sells at.
	Prices       Prices          `toml:"prices"`
	Model        Params          `toml:"model"`
	Actions      ActionTable     `toml:"actions"`
	Agents       []AgentSpec     `toml:"agents"`
	Culture      []CultureTie    `toml:"culture"`
	Relations    []RelationSpec  `toml:"relations"`
	Routes       []RouteSpec     `toml:"routes"`
	Conflicts    []ConflictSpec  `toml:"conflicts"`
	Institutions []Institution   `toml:"institutions"`
	Agreements   []AgreementSpec `toml:"agreements"`
	Embargoes    []EmbargoSpec   `toml:"embargoes"`
	Events       []EventSpec     `toml:"events"`
	Hazards      []HazardSpec    `toml:"hazards"`
	// Patterns are observed facts about the period the scenario depicts,
	// stated as checks on a run's outputs. The engine does not read them:
	// package validation scores runs against them.
	Patterns []PatternSpec `toml:"patterns"`
}

// Info is the scenario's teaching notes, in the layout of NetLogo's Info tab.
type Info struct {
	WhatIsIt       string `toml:"what_is_it"`
	HowItWorks     string `toml:"how_it_works"`
	ThingsToNotice string `toml:"things_to_notice"`
	ThingsToTry    string `toml:"things_to_try"`
	Sources        string `toml:"sources"`
}

// Axis is the one-dimensional alignment space: -1 is the negative pole
// (Russia's, by default), +1 the positive pole (the West's).
type Axis struct {
	NegativeLabel string `toml:"negative_label"`
	PositiveLabel string `toml:"positive_label"`
	// NegativePoles and PositivePoles are the agents that embody each pole:
	// their alignment is fixed at -1 or +1 and they try to pull others.
	NegativePoles []string `toml:"negative_poles"`
	PositivePoles []string `toml:"positive_poles"`
}

// Prices are exogenous world prices by year.
type Prices struct {
	// Oil is the crude price in USD per barrel (Brent, annual mean).
	Oil Series `toml:"oil"`
	// Gas is the border price of pipeline gas in USD per thousand cubic
	// metres. Without a series the oil price times GasOilRatio is used
	// (oil indexation, the contract rule of the period).
	Gas         Series  `toml:"gas"`
	GasOilRatio float64 `toml:"gas_oil_ratio"`
}

// Interests is an agent's interest vector, or the weights it puts on each
// interest.
type Interests struct {
	// Security is in [0,1]: the military balance against threats,
	// guarantees and cooperation, internal stability, pressure received.
	Security float64 `toml:"security"`
	// Energy is revenue in USD bn per year for producers and transit
	// states; for a pure consumer it is a supply-security index in [0,1].
	Energy float64 `toml:"energy"`
	// Alignment is the position on the axis, in [-1,1].
	Alignment float64 `toml:"alignment"`
}

// Commodity is what a route carries.
type Commodity string

// The commodities a route may carry.
const (
	Oil Commodity = "oil"
	Gas Commodity = "gas"
)

// Volumes are an agent's yearly oil (thousand barrels a day) and gas
// (billion cubic metres a year) figures.
type Volumes struct {
	Oil Series `toml:"oil"`
	Gas Series `toml:"gas"`
}

// Shares are fractions for oil and gas.
type Shares struct {
	Oil float64 `toml:"oil"`
	Gas float64 `toml:"gas"`
}

// Demand is a consumer's import demand from the modelled suppliers, a
// number or a yearly series.
type Demand struct {
	// Oil in thousand barrels a day; zero means no limit (the world
	// market takes any amount at the world price).
	Oil Series `toml:"oil"`
	// Gas in bcm a year; zero means no limit on what the routes to it
	// carry, and no supply-security index (it counts as 0, whatever
	// arrives).
	Gas Series `toml:"gas"`
}

// AgentSpec describes a state or bloc.
type AgentSpec struct {
	// ID is the ISO 3166 alpha-3 code where one exists ("EU" for the Union).
	ID   string `toml:"id"`
	Name string `toml:"name"`
	// Capability is military-economic power in arbitrary units shared by
	// all agents of a scenario (Azerbaijan 1991 = 1).
	Capability float64 `toml:"capability"`
	// Arms is the initial stock of imported arms, in capability units.
	Arms float64 `toml:"arms"`
	// ArmsBudget turns energy revenue into arms: the capability units a
	// year of arms bought per USD bn a year of revenue (oil money buys
	// weapons). Zero for states whose arms come only from deals.
	ArmsBudget float64 `toml:"arms_budget"`
	// ArmsPerSale is what one arms sale by this exporter delivers, in
	// capability units: Soviet-standard heavy weapons from Russia weigh
	// more than a smaller industry's. Zero: actions.arms_deal.arms.
	ArmsPerSale float64 `toml:"arms_per_sale"`
	// Roles: producer, transit, consumer, great_power, arms_exporter.
	Roles   []Role    `toml:"roles"`
	Weights Interests `toml:"weights"`
	// Alignment is the starting position on the axis.
	Alignment float64 `toml:"alignment"`
	// Ideal is the position the agent's government prefers (independence
	// for a hedging state is an ideal near 0). Defaults to Alignment.
	Ideal *float64 `toml:"ideal"`
	// Stubbornness is 1-λ in the Friedkin–Johnsen update: the weight the
	// agent keeps on its own starting position each turn.
	Stubbornness float64 `toml:"stubbornness"`
	// ThreatResponse says how the agent answers a threatening power:
	// +1 balances (moves away from it), -1 bandwagons (moves toward it),
	// 0 ignores it. The default scenario's outcome turns on this value.
	ThreatResponse float64 `toml:"threat_response"`
	// Stability is internal stability in [0,1]; coups are likelier below 1.
	Stability float64 `toml:"stability"`
	// EnergyScale is the revenue, in USD bn a year, at which the agent's
	// energy utility is one half (utility is r/(r+scale)).
	EnergyScale float64 `toml:"energy_scale"`
	// Production of oil (kb/d) and gas (bcm/yr) by year.
	Production Volumes `toml:"production"`
	// Domestic is the share of production used at home, not exported.
	Domestic Shares `toml:"domestic"`
	// Imports is the import demand this agent's market offers suppliers.
	Imports Demand `toml:"imports"`
	// Sphere lists the agents whose alignment a pole cares about; empty
	// means every agent that is not a pole.
	Sphere []string `toml:"sphere"`
	// Temperature overrides the model's decision temperature; nil keeps it.
	Temperature *float64 `toml:"temperature"`
}

// CultureTie is a static cultural affinity between two agents, each
// dimension in [0,1].
type CultureTie struct {
	A        string  `toml:"a"`
	B        string  `toml:"b"`
	Language float64 `toml:"language"`
	Religion float64 `toml:"religion"`
	Kinship  float64 `toml:"kinship"`
	Note     string  `toml:"note"`
}

// RelationSpec sets the starting affinity of two agents, in [-1,1].
type RelationSpec struct {
	A        string  `toml:"a"`
	B        string  `toml:"b"`
	Affinity float64 `toml:"affinity"`
}

// RouteStatus is where a route stands.
type RouteStatus string

// The statuses of a route.
const (
	Proposed  RouteStatus = "proposed"
	Building  RouteStatus = "building"
	Open      RouteStatus = "open"
	Cancelled RouteStatus = "cancelled"
)

// RouteSpec is an export pipeline (or rail corridor).
type RouteSpec struct {
	ID        string    `toml:"id"`
	Name      string    `toml:"name"`
	Commodity Commodity `toml:"commodity"`
	Producer  string    `toml:"producer"`
	// Transit lists the states the route crosses, in order.
	Transit []string `toml:"transit"`
	// Market is the consumer the route sells into; for oil, an agent with
	// zero oil demand stands for the world market at its port.
	Market string `toml:"market"`
	// Capacity in kb/d (oil) or bcm/yr (gas).
	Capacity float64 `toml:"capacity"`
	// Tariff paid to each transit state, USD/bbl (oil) or USD/kcm (gas).
	Tariff float64 `toml:"tariff"`
	// TransitFee is paid, per unit, to the transit states that are not
	// agents of the scenario (Ukraine and Belarus for Russian gas): it
	// lowers the producer's netback and earns no agent anything.
	TransitFee float64 `toml:"transit_fee"`
	// Contract is the volume the route's long-term contracts commit, kb/d
	// or bcm/yr: it is carried before any volume sold without contract,
	// and shared pro rata among the contracts when they exceed a market's
	// demand.
	Contract float64     `toml:"contract"`
	Status   RouteStatus `toml:"status"`
	// Opens is when a building route opens; an open route with Opens set
	// is closed before that date.
	Opens Date `toml:"opens"`
	// BuildTurns is how long a proposed route takes to build once every
	// party has committed.
	BuildTurns int `toml:"build_turns"`
	// Sponsors are agents (besides producer and transit states) whose
	// commitment the route needs.
	Sponsors []string `toml:"sponsors"`
	// From is when a proposed route is first on the table: no agent can
	// commit to it before.
	From Date   `toml:"from"`
	Note string `toml:"note"`
}

// PatronSpec is an outside power that backs one side of a conflict.
type PatronSpec struct {
	Agent string `toml:"agent"`
	// Side is the party the patron backs.
	Side string `toml:"side"`
	// Support is the share of the patron's capability committed to that side.
	Support float64 `toml:"support"`
}

// BrokerSpec is an outside power that gains from a conflict staying frozen.
type BrokerSpec struct {
	Agent string `toml:"agent"`
	// Preference is the utility the broker gets from an active but
	// frozen conflict (scaled by 1 - intensity).
	Preference float64 `toml:"preference"`
}

// ConflictSpec is an armed conflict between two parties.
type ConflictSpec struct {
	ID      string   `toml:"id"`
	Name    string   `toml:"name"`
	Parties []string `toml:"parties"`
	// Intensity in [0,1]: below FrozenBelow the conflict is frozen, at or
	// above WarAbove it is open war.
	Intensity float64 `toml:"intensity"`
	// Stakes is what each party (same order as Parties) puts on winning,
	// in utility units per unit of intensity.
	Stakes  []float64    `toml:"stakes"`
	Patrons []PatronSpec `toml:"patrons"`
	Brokers []BrokerSpec `toml:"brokers"`
	// Decay is the share of intensity that fades each turn without action.
	Decay float64 `toml:"decay"`
	// Victory is the military balance (a side's share of combined power)
	// from which a side at war gains ground.
	Victory float64 `toml:"victory"`
	// Control is the share of what is disputed that the first party holds
	// at the start (default one half). A war moves it toward the side that
	// dominates; when one side holds it all, the conflict ends in its
	// victory.
	Control *float64 `toml:"control"`
	// Ended marks a conflict that is over at the start.
	Ended bool `toml:"ended"`
}

// Institution is an organisation with a pole on the axis.
type Institution struct {
	ID   string `toml:"id"`
	Name string `toml:"name"`
	// Pole is the position the institution pulls its members toward.
	Pole float64 `toml:"pole"`
	// Leader must consent to a new member; empty means anyone may join.
	Leader  string   `toml:"leader"`
	Members []string `toml:"members"`
	// Open says whether agents may join or leave by their own decision.
	Open bool `toml:"open"`
	// Eligible lists who may join by decision; empty means any agent
	// that is not a pole.
	Eligible []string `toml:"eligible"`
	// Security is the share of the other members' capability that counts
	// as a guarantee for each member.
	Security float64 `toml:"security"`
	// Revenue is the yearly benefit to each member, USD bn.
	Revenue float64 `toml:"revenue"`
	// Influence is the weight the institution's pole gets in a member's
	// alignment update (before normalisation).
	Influence float64 `toml:"influence"`
	// Shift is the immediate alignment step a joining state takes toward
	// the pole (and away from it on leaving).
	Shift float64 `toml:"shift"`
	// LeaveRelation is the change in affinity with the leader on leaving.
	LeaveRelation float64 `toml:"leave_relation"`
	// Leverage is the raw influence weight the leader gains over each
	// member's alignment: membership binds a state to the leader as well
	// as to the pole.
	Leverage float64 `toml:"leverage"`
	// Renewals are dates at which the treaty behind the institution must
	// be prolonged (the Collective Security Treaty's in April 1999): a
	// member that does not value its membership then lets it lapse. Until
	// the last of them, a member leaves only that way.
	Renewals []Date `toml:"renewals"`
	// RejoinAfter is how many turns a state that has left must wait before
	// it may join again by its own decision: readmission takes time.
	RejoinAfter int `toml:"rejoin_after"`
	// From is the founding date: nobody joins before it.
	From Date `toml:"from"`
}

// AgreementSpec is a treaty the parties gain from once all have signed
// (the Caspian seabed delimitation, for instance).
type AgreementSpec struct {
	ID      string   `toml:"id"`
	Name    string   `toml:"name"`
	Parties []string `toml:"parties"`
	// Revenue is the yearly gain to each party, USD bn (offshore fields
	// that can be developed once the seabed is delimited).
	Revenue float64 `toml:"revenue"`
	// Security is the cooperation level each pair of parties gains.
	Security float64 `toml:"security"`
	// Relation is the affinity gained by each pair of parties.
	Relation float64 `toml:"relation"`
	// From is when the text is open for signature.
	From Date `toml:"from"`
	// Term is how many turns the agreement stays in force (a lease);
	// then it lapses unless every party signs again. 0: for good.
	Term int `toml:"term"`
}

// EmbargoSpec bars arms deals between suppliers and recipients over a
// period (the OSCE's call of 1992 on arms for the Karabakh war, for
// instance). It binds the agents' choices, not dated events.
type EmbargoSpec struct {
	// Suppliers are the sellers the embargo binds.
	Suppliers []string `toml:"suppliers"`
	// Recipients are the buyers they may not sell to.
	Recipients []string `toml:"recipients"`
	// From and Until bound the period (whole turns, both included);
	// unset means the calendar's start or end.
	From  Date `toml:"from"`
	Until Date `toml:"until"`
	// Note says what the embargo was and where it is documented.
	Note string `toml:"note"`
}

// EventSpec is a dated event. Kind is an action kind (then the action's
// effect applies without consent) or one of the exogenous kinds listed in
// EventKinds.
type EventSpec struct {
	Date  Date   `toml:"date"`
	Label string `toml:"label"`
	Kind  string `toml:"kind"`
	Actor string `toml:"actor"`
	// Target is an agent, route, conflict, institution or agreement id,
	// whichever the kind acts on.
	Target string `toml:"target"`
	// Value is the kind's magnitude where it takes one (a shift, a
	// stability change, an intensity level).
	Value *float64 `toml:"value"`
	// Turns is how long a route_close event shuts the route.
	Turns int `toml:"turns"`
	// Success fixes a coup attempt's outcome.
	Success *bool `toml:"success"`
	// Always keeps the event after history_until (for exogenous shocks
	// that no agent in the model decides).
	Always bool `toml:"always"`
	// Key marks the event on plots.
	Key bool `toml:"key"`
}

// HazardSpec is a stochastic event with a yearly rate.
type HazardSpec struct {
	// Kind is coup, flare or price_shock.
	Kind string `toml:"kind"`
	// Target is the agent (coup) or conflict (flare); empty for price shocks.
	Target string `toml:"target"`
	// Rate is the expected number of occurrences a year at full exposure.
	Rate float64 `toml:"rate"`
	// Magnitude: intensity jump (flare), log-price jump s.d. (price_shock),
	// stability lost on a successful coup.
	Magnitude float64 `toml:"magnitude"`
	// Turns a price shock lasts.
	Turns int  `toml:"turns"`
	From  Date `toml:"from"`
	Until Date `toml:"until"`
}

// PatternSpec is an observed fact, stated as a check on the outputs of a
// run, with its source: an action taken within a window ("Azerbaijan
// leaves the Collective Security Treaty, 1998-2000"), a condition on a
// recorded quantity (a pipeline first carries oil in 2005-06, a conflict
// never reaches war), a change between two dates, one actor's share of
// some actions, an order between two other patterns, or an observed
// yearly series set against a model metric. Kind says which; each kind
// reads the fields documented in docs/scenarios.md and ignores the rest.
type PatternSpec struct {
	ID string `toml:"id"`
	// Name is a one-line statement of the fact, for tables and plots.
	Name string `toml:"name"`
	// Kind is event, state, change, share, order or series.
	Kind string `toml:"kind"`
	// Source says where the fact comes from.
	Source string `toml:"source"`
	// From and Until bound the window in which the pattern is checked
	// (whole turns, both included); unset means the calendar's start or end.
	From  Date `toml:"from"`
	Until Date `toml:"until"`
	// Date is when the fact happened, for the timing error of event and
	// first-time state patterns.
	Date Date `toml:"date"`

	// Actor, Actions, Target and Outcome select decisions (event, share):
	// an empty field matches any.
	Actor   string   `toml:"actor"`
	Actions []string `toml:"actions"`
	Target  string   `toml:"target"`
	Outcome Outcome  `toml:"outcome"`
	// Min and Max bound how many matching decisions an event pattern
	// counts in its window (defaults: at least 1, no most).
	Min *int `toml:"min"`
	Max *int `toml:"max"`
	// Weigh says what a share pattern shares out: "count" (the default),
	// the number of matching decisions, or "size", what they move (the
	// arms an arms deal delivers), as arms-transfer statistics do.
	Weigh string `toml:"weigh"`

	// Entity and Metric name the recorded quantity of state, change and
	// series patterns; Than, if set, names a second entity whose value of
	// the same metric is subtracted.
	Entity string `toml:"entity"`
	Metric string `toml:"metric"`
	Than   string `toml:"than"`
	// Above and Below bound the quantity (state), a share (share) or the
	// quantity's change (change); either or both may be set.
	Above *float64 `toml:"above"`
	Below *float64 `toml:"below"`
	// Holds says how the condition of a state pattern must hold over its
	// window: always (the default), never, sometime, first (it first holds
	// inside the window, not before it) or mostly (in at least Fraction of
	// the window's turns).
	Holds    string  `toml:"holds"`
	Fraction float64 `toml:"fraction"`
	// Ratio makes a change pattern compare the quantity at Until with its
	// value at From as a ratio rather than a difference.
	Ratio bool `toml:"ratio"`

	// First and Then name two other patterns (event, or state with holds =
	// first) whose first occurrences an order pattern puts in that order.
	First string `toml:"first"`
	Then  string `toml:"then"`

	// Observed is the yearly series a series pattern compares with the
	// model's yearly mean of Metric. It is mapped onto the model's scale
	// as Scale·observed + Offset; with Center, both series are compared as
	// deviations from their own means over the years compared.
	Observed Series  `toml:"observed"`
	Scale    float64 `toml:"scale"`
	Offset   float64 `toml:"offset"`
	Center   bool    `toml:"center"`
	// MinCorrelation and MinRange are what the series pattern asks of the
	// model's median path: its correlation with the observed series, and
	// its range as a share of the observed range (after mapping).
	MinCorrelation float64 `toml:"min_correlation"`
	MinRange       float64 `toml:"min_range"`
}

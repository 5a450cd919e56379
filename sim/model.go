package sim

// model is the Scenario compiled into indexed form (compile): agents
// sorted by id, every reference resolved to an index and every date to a
// turn. It never changes during a run, so every run of a scenario could
// read the same one; nothing a run does is kept here.
type model struct {
	sc     *Scenario
	p      Params
	act    ActionTable
	cal    Calendar
	turns  int
	labels []string // every turn's label
	// decideFrom is calendar.history_until as a turn: before it the
	// record governs the durable decisions (see governed).
	decideFrom int

	agents    []agent
	index     map[string]int
	culture   []float64 // n×n combined cultural affinity in [0,1]
	baseAff   []float64 // n×n starting affinities, the level relations relax to
	routes    []route
	conflicts []conflict
	insts     []institution
	agrs      []agreement
	events    [][]EventSpec // by turn
	hazards   []hazard
	embargoes []embargo
}

type agent struct {
	id, name    string
	capability  float64
	weights     Interests
	pole        float64 // -1, +1, or 0 for non-poles
	stubborn    float64
	threat      float64 // threat response
	energyScale float64
	producer    bool
	consumer    bool // has import demand for gas
	transit     bool
	greatPower  bool
	armsSeller  bool
	armsBudget  float64
	armsPerSale float64 // capability units one sale delivers, 0 for the default
	temperature float64
	oil, gas    Series
	domestic    Shares
	imports     Demand
	sphere      []int
	treaties    []int // the agreements it is party to, in scenario order
}

type route struct {
	spec      *RouteSpec
	commodity Commodity
	producer  int
	transit   []int
	market    int
	parties   []int // producer, transit states and sponsors, no repeats
	opensAt   int   // scheduled opening turn for building routes, -1 if none
	from      int   // first turn agents may commit to it
}

type conflict struct {
	spec    *ConflictSpec
	a, b    int
	stakeA  float64
	stakeB  float64
	patrons []patron
	brokers []broker
}

type patron struct {
	agent   int
	side    int // agent index of the party backed
	support float64
}

type broker struct {
	agent      int
	preference float64
}

type institution struct {
	spec     *Institution
	leader   int // -1 for none
	from     int // founding turn
	eligible []int
	renewals []int // turns at which membership must be renewed, ascending
}

// renewalsOver reports whether no renewal of the institution lies ahead
// at turn t: from then on a member may leave at any turn; before, it
// leaves by not renewing.
func (in *institution) renewalsOver(t int) bool {
	return len(in.renewals) == 0 || t > in.renewals[len(in.renewals)-1]
}

type agreement struct {
	spec    *AgreementSpec
	parties []int
	from    int // first turn it can be signed
}

// embargo bars arms deals from suppliers to recipients in turns [from, upto).
type embargo struct {
	suppliers, recipients []int
	from, upto            int
}

// embargoed reports whether an embargo bars a's arms deals with t now.
func (w *World) embargoed(a, t int) bool {
	for _, e := range w.embargoes {
		if w.turn >= e.from && w.turn < e.upto && containsInt(e.suppliers, a) && containsInt(e.recipients, t) {
			return true
		}
	}
	return false
}

type hazard struct {
	spec       *HazardSpec
	target     int // agent or conflict index, -1 for none
	from, upto int // turn range
}

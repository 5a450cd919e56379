package sim

// Recorder collects what a run produces. The engine calls it from the
// goroutine that steps the world; a Snapshot and its slices are reused
// from turn to turn, so a Recorder copies what it keeps.
type Recorder interface {
	// Turn is called once after set-up (turn 0, before any action) and
	// once after every turn.
	Turn(s *Snapshot)
	// Decision is called for every action taken in a turn (chosen, dated
	// or drawn by chance), before that turn's Snapshot.
	Decision(d *Decision)
}

// Snapshot is the state of the world after a turn.
type Snapshot struct {
	Run   int
	Turn  int
	Label string  // "1994-Q3"
	Year  float64 // decimal year of the turn's midpoint, for plots
	// Agents in the scenario's agent order (sorted by id).
	Agents    []AgentState
	Conflicts []ConflictState
	Routes    []RouteState
	// Institutions and Agreements are in scenario order.
	Institutions []InstitutionState
	Agreements   []AgreementState
}

// Agent is the recorded state of agent id, or nil if the snapshot has
// no such agent.
func (s *Snapshot) Agent(id string) *AgentState {
	for i := range s.Agents {
		if s.Agents[i].ID == id {
			return &s.Agents[i]
		}
	}
	return nil
}

// AgentState is one agent's recorded state.
type AgentState struct {
	ID string
	Interests
	// Revenue is energy revenue in USD bn a year (exports net of tariffs,
	// plus transit fees and stakes), whatever kind of energy interest the
	// agent has.
	Revenue float64
	// SupplySecurity is the consumer's supply-security index, 0 for
	// agents with no import demand.
	SupplySecurity float64
	Stability      float64
	Arms           float64
	// Utility is the weighted sum of interests plus conflict aims.
	Utility float64
	// Affinity is this agent's relation with every agent, in agent order.
	Affinity []float64
}

// ConflictState is one conflict's recorded state.
type ConflictState struct {
	ID        string
	Intensity float64
	Phase     Phase
	// Control is the first party's share of what is disputed.
	Control float64
	Winner  string // set when a war ended in victory
}

// RouteState is one route's recorded state.
type RouteState struct {
	ID     string
	Status RouteStatus
	// Flow is the volume carried this turn, in kb/d (oil) or bcm/yr (gas).
	Flow float64
	// Closed is true while a transit state has cut the route off.
	Closed bool
}

// InstitutionState is one institution's recorded membership.
type InstitutionState struct {
	ID string
	// Members marks the agents that belong to it, in agent order.
	Members []bool
}

// AgreementState is one treaty's recorded state.
type AgreementState struct {
	ID      string
	InForce bool
}

// Phase is the band a conflict's intensity is in.
type Phase string

// The phases of a conflict: below model.frozen_below it is frozen, from
// model.war_above it is a war, a skirmish between; ended once a side has
// won or an event has ended it.
const (
	Frozen   Phase = "frozen"
	Skirmish Phase = "skirmish"
	War      Phase = "war"
	Over     Phase = "ended"
)

// Outcome is how a decision turned out.
type Outcome string

// The outcomes of a decision. Agents never propose a bilateral action
// the counterparty would refuse; a player may, and the outcome is then
// Refused.
const (
	Done      Outcome = "done"
	Refused   Outcome = "refused"
	Succeeded Outcome = "succeeded" // a coup attempt
	Failed    Outcome = "failed"    // a coup attempt
	Ended     Outcome = "ended"     // a war won, a treaty lapsed
)

// Source says where a Decision came from.
type Source string

// The sources of a Decision.
const (
	ByAgent   Source = "agent"     // chosen by the actor's decision rule
	Scheduled Source = "scheduled" // a dated event of the scenario
	ByChance  Source = "hazard"    // drawn from a hazard
	ByRule    Source = "rule"      // a model rule, such as a war won outright
	ByPlayer  Source = "player"    // a move given to EndTurn (a human player)
)

// Decision is one action with the reasons it was taken. The utility terms
// are the actor's expected one-turn gains, weighted by its interest weights,
// so their sum (less Cost) is what the choice rule saw.
type Decision struct {
	Run     int
	Turn    int
	Label   string
	Source  Source
	Actor   string
	Action  string
	Target  string
	Outcome Outcome
	// With is the counterparty that agreed to a bilateral action.
	With string
	// Gains in the actor's utility, by interest.
	Security  float64
	Energy    float64
	Alignment float64
	Conflict  float64
	Cost      float64
	// Probability the choice rule gave this action.
	Probability float64
	// Size is what the action moves, where it has a size: the arms an
	// arms deal delivers, in capability units; 0 otherwise.
	Size float64
	// Note is the event's label or a line of explanation.
	Note string
	// Key marks events worth a marker on plots.
	Key bool
}

// Gain is the net utility gain the actor expected.
func (d *Decision) Gain() float64 {
	return d.Security + d.Energy + d.Alignment + d.Conflict - d.Cost
}

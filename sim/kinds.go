package sim

import "sort"

// TargetType is what an action or event acts on.
type TargetType string

// The target types of action and event kinds.
const (
	NoTarget          TargetType = ""
	AgentTarget       TargetType = "agent"
	RouteTarget       TargetType = "route"
	ConflictTarget    TargetType = "conflict"
	InstitutionTarget TargetType = "institution"
	AgreementTarget   TargetType = "agreement"
)

// KindInfo describes an action or event kind.
type KindInfo struct {
	Target TargetType
	// Actor says whether the kind needs an actor ("required"), may have
	// one ("optional") or takes none ("").
	Actor string
	// Bilateral kinds need the target's consent when an agent chooses them.
	Bilateral bool
	// Exogenous kinds only happen as dated events or hazards.
	Exogenous bool
	Summary   string
}

// Kinds lists every action and event kind.
var Kinds = map[string]KindInfo{
	"arms_deal":      {AgentTarget, "required", true, false, "actor sells arms to target: target's arms rise, actor gains influence over it"},
	"commit_route":   {RouteTarget, "required", false, false, "actor commits to a proposed route; it is built once producer, transit states and sponsors all have"},
	"rival_route":    {RouteTarget, "required", false, false, "a great power commits to its own route and delays competing routes to the same market"},
	"join":           {InstitutionTarget, "required", true, false, "actor joins an institution (its leader must agree)"},
	"leave":          {InstitutionTarget, "required", false, false, "actor leaves an institution"},
	"pressure":       {AgentTarget, "required", false, false, "economic pressure: target loses revenue and feels coerced"},
	"cutoff":         {AgentTarget, "required", false, false, "actor closes the routes through it (or into it) that carry target's exports"},
	"back_coup":      {AgentTarget, "required", false, false, "actor raises the odds of a coup attempt in target"},
	"security_coop":  {AgentTarget, "required", true, false, "security cooperation, e.g. against terrorism"},
	"energy_coop":    {AgentTarget, "required", true, false, "energy cooperation: a stake or swap for the partner"},
	"sign_agreement": {AgreementTarget, "required", false, false, "actor signs an agreement; it takes effect once all parties have"},
	"mediate":        {ConflictTarget, "required", false, false, "an outsider mediates: intensity falls, mediator gains standing with both"},
	"escalate":       {ConflictTarget, "required", false, false, "a party escalates the conflict"},
	"ceasefire":      {ConflictTarget, "required", true, false, "the parties agree a ceasefire (the other party must accept)"},
	"outreach":       {AgentTarget, "required", false, false, "cultural outreach through language, religion or kinship"},
	"partnership":    {AgentTarget, "required", true, false, "a declaration of partnership"},

	"route_open":         {RouteTarget, "", false, true, "the route opens"},
	"route_cancel":       {RouteTarget, "", false, true, "the route is cancelled"},
	"route_close":        {RouteTarget, "", false, true, "the route is shut for `turns` turns"},
	"conflict_intensity": {ConflictTarget, "", false, true, "conflict intensity is set to `value`"},
	"conflict_end":       {ConflictTarget, "optional", false, true, "the conflict ends (actor: the winner, if any)"},
	"coup":               {AgentTarget, "optional", false, true, "coup attempt in target (actor: the backer); `success` fixes the outcome"},
	"stability":          {AgentTarget, "", false, true, "target's stability changes by `value`"},
	"relation":           {AgentTarget, "required", false, true, "actor–target affinity changes by `value`"},
	"shift":              {AgentTarget, "", false, true, "target's alignment moves by `value`"},
	"attack":             {AgentTarget, "required", false, true, "actor makes war on target (or on a state outside the scenario, with no target): the target is coerced and every other state the actor's power reaches is alarmed, by `value`"},
	"note":               {NoTarget, "optional", false, true, "a marker with no effect"},
}

// HazardKinds lists the stochastic event kinds and what they target.
var HazardKinds = map[string]TargetType{
	"coup":        AgentTarget,
	"flare":       ConflictTarget,
	"price_shock": NoTarget,
}

// Roles lists the roles an agent may have.
var Roles = []string{"producer", "transit", "consumer", "great_power", "arms_exporter"}

// KindNames returns the kind names in sorted order.
func KindNames() []string {
	names := make([]string, 0, len(Kinds))
	for k := range Kinds {
		names = append(names, k)
	}
	sort.Strings(names)
	return names
}

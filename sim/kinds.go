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

// Kinds lists every action and event kind: the actions agents choose
// (from the table of action kinds) and the events that only happen as
// dated events or hazards.
var Kinds map[string]KindInfo // filled by init, with the table of action kinds

// eventKinds are the exogenous kinds.
var eventKinds = map[string]KindInfo{
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

func allKinds() map[string]KindInfo {
	out := make(map[string]KindInfo, len(kinds)+len(eventKinds))
	for _, k := range kinds {
		out[k.name] = KindInfo{Target: k.target, Actor: "required", Bilateral: k.bilateral, Summary: k.summary}
	}
	for name, info := range eventKinds {
		out[name] = info
	}
	return out
}

// HazardKinds lists the stochastic event kinds and what they target.
var HazardKinds = map[string]TargetType{
	"coup":        AgentTarget,
	"flare":       ConflictTarget,
	"price_shock": NoTarget,
}

// Role is a part an agent plays in the region's economy and security.
type Role string

// The roles an agent may have.
const (
	Producer     Role = "producer"      // exports oil or gas of its own
	Transit      Role = "transit"       // routes cross it, for a fee
	Consumer     Role = "consumer"      // imports gas
	GreatPower   Role = "great_power"   // presses, backs coups, pushes rival routes
	ArmsExporter Role = "arms_exporter" // sells arms
)

// Roles lists the roles an agent may have.
var Roles = []Role{Producer, Transit, Consumer, GreatPower, ArmsExporter}

// KindNames returns the kind names in sorted order.
func KindNames() []string {
	names := make([]string, 0, len(Kinds))
	for k := range Kinds {
		names = append(names, k)
	}
	sort.Strings(names)
	return names
}

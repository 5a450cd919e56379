package sim

// Params are the model's coefficients. Every field has a documented default
// (DefaultParams); a scenario file overrides what it names.
type Params struct {
	// Temperature of the logit choice rule: 0 picks the best action,
	// larger values make agents more exploratory.
	Temperature float64 `toml:"temperature"`
	// ConsentTolerance is the utility loss a counterparty accepts and still
	// agrees to a bilateral action (goodwill).
	ConsentTolerance float64 `toml:"consent_tolerance"`

	// Security is a weighted sum of the military balance, internal
	// stability and security cooperation, less pressure and war.
	SecurityBalance     float64 `toml:"security_balance"`
	SecurityStability   float64 `toml:"security_stability"`
	SecurityCooperation float64 `toml:"security_cooperation"`
	PressurePenalty     float64 `toml:"pressure_penalty"`
	WarPenalty          float64 `toml:"war_penalty"`
	// HostilityThreat is the share of a hostile agent's capability
	// (scaled by how negative the affinity is) counted as a threat.
	HostilityThreat float64 `toml:"hostility_threat"`

	// Raw weights of the alignment influence matrix, before each row is
	// normalised to sum to one.
	InfluenceSelf        float64 `toml:"influence_self"`
	InfluenceEnergy      float64 `toml:"influence_energy"`
	InfluenceSecurity    float64 `toml:"influence_security"`
	InfluenceCulture     float64 `toml:"influence_culture"`
	InfluenceRelation    float64 `toml:"influence_relation"`
	InfluenceInstitution float64 `toml:"influence_institution"`
	InfluenceThreat      float64 `toml:"influence_threat"`

	// Weights that combine the dimensions of a cultural tie into one
	// affinity in [0,1].
	CultureLanguage float64 `toml:"culture_language"`
	CultureReligion float64 `toml:"culture_religion"`
	CultureKinship  float64 `toml:"culture_kinship"`

	// Per-turn rates at which transient states fade: affinity back toward
	// its baseline, cooperation, pressure, coup plotting, arms.
	RelationDecay    float64 `toml:"relation_decay"`
	CooperationDecay float64 `toml:"cooperation_decay"`
	PressureDecay    float64 `toml:"pressure_decay"`
	PlotDecay        float64 `toml:"plot_decay"`
	ArmsDecay        float64 `toml:"arms_decay"`
	// StabilityRecovery is the per-turn share of the gap to an agent's
	// baseline stability that closes.
	StabilityRecovery float64 `toml:"stability_recovery"`

	// FrozenBelow and WarAbove split conflict intensity into frozen,
	// skirmish and war.
	FrozenBelow float64 `toml:"frozen_below"`
	WarAbove    float64 `toml:"war_above"`
	// Alarm is the threat a state feels from one that has made war on
	// another, per unit of the war's severity (the attack event's value).
	Alarm float64 `toml:"alarm"`
	// WarGains is the share of what is disputed that a side holding the
	// victory share of power takes per turn of war at full intensity.
	WarGains float64 `toml:"war_gains"`
	// CoupSuccess is the chance a coup attempt succeeds at zero stability;
	// it falls linearly to zero at full stability.
	CoupSuccess float64 `toml:"coup_success"`
	// CoupConsolidation is the stability, current and peacetime, a
	// government gains by surviving a coup attempt.
	CoupConsolidation float64 `toml:"coup_consolidation"`
	// WarInstability is the peacetime stability a state loses per unit of
	// the intensity of its war.
	WarInstability float64 `toml:"war_instability"`
	// CooperationFloor is the lowest affinity at which two states still
	// cooperate (security, energy, partnership); states at war with each
	// other, or with each other's backers, never do.
	CooperationFloor float64 `toml:"cooperation_floor"`
	// RouteDiscount is the per-turn discount applied to the value of a
	// route or treaty that is not yet in force: an agent weighs a pipeline
	// that opens in n turns at RouteDiscount^n of its value when open.
	RouteDiscount float64 `toml:"route_discount"`
	// DefaultEnergyScale is used for agents that set no energy_scale.
	DefaultEnergyScale float64 `toml:"default_energy_scale"`
	// ResolveUncertainty is how far off, in utility, a coercer's estimate
	// of its target's valuation may be: the error behind the chance it
	// gives a demand of being met.
	ResolveUncertainty float64 `toml:"resolve_uncertainty"`
	// RouteHorizon is how many turns after a route opens its worth is
	// sampled over: a pipeline is judged by the years it will serve.
	RouteHorizon float64 `toml:"route_horizon"`
	// SupplierCap is the largest share of a gas consumer's demand that one
	// supplier counts for in its supply security: gas beyond it adds no
	// security, so diversity pays and no loss of supply ever raises it.
	SupplierCap float64 `toml:"supplier_cap"`
	// AllyPrice is the share of an arms deal's price that an ally pays,
	// a member of a security institution the seller leads: Russia armed
	// Armenia free or at its own domestic prices.
	AllyPrice float64 `toml:"ally_price"`
	// Revision is the probability that a state reconsiders its policy in
	// a turn (asynchronous updating): 1 (every state, every turn) is the
	// model; lower values are an approximation that makes runs faster,
	// since a state that does not reconsider values none of its options,
	// and choices stickier. Forced history and a player's moves are not
	// affected.
	Revision float64 `toml:"revision"`
}

// DefaultParams are the coefficients used where a scenario is silent.
// docs/model.md gives the reasoning behind each.
func DefaultParams() Params {
	return Params{
		Temperature:      0.0003,
		ConsentTolerance: 0.0002,

		SecurityBalance:     0.5,
		SecurityStability:   0.3,
		SecurityCooperation: 0.2,
		PressurePenalty:     0.05,
		WarPenalty:          0.3,
		HostilityThreat:     0.05,

		InfluenceSelf:        1.0,
		InfluenceEnergy:      0.6,
		InfluenceSecurity:    0.6,
		InfluenceCulture:     0.3,
		InfluenceRelation:    0.2,
		InfluenceInstitution: 0.4,
		InfluenceThreat:      0.5,

		CultureLanguage: 0.5,
		CultureReligion: 0.3,
		CultureKinship:  0.2,

		RelationDecay:     0.05,
		CooperationDecay:  0.05,
		PressureDecay:     0.25,
		PlotDecay:         0.3,
		ArmsDecay:         0.02,
		StabilityRecovery: 0.05,

		FrozenBelow:       0.2,
		WarAbove:          0.6,
		WarGains:          0.05,
		Alarm:             0.5,
		CoupSuccess:       0.4,
		CoupConsolidation: 0.1,
		WarInstability:    0.3,

		CooperationFloor:   -0.5,
		RouteDiscount:      0.97,
		DefaultEnergyScale: 10,
		SupplierCap:        0.5,
		AllyPrice:          0.2,
		Revision:           1,
		RouteHorizon:       40,
		ResolveUncertainty: 0.005,
	}
}

// Effect is the size of an action's consequences. Each action kind reads
// the fields that make sense for it (docs/model.md has the table); a zero
// field has no effect.
type Effect struct {
	// Disabled removes the action from every agent's menu.
	Disabled bool `toml:"disabled"`
	// Cost is the utility an actor gives up by acting (effort, risk); it
	// keeps agents from acting for negligible gains.
	Cost float64 `toml:"cost"`
	// Relation is the change in the actor–target affinity.
	Relation float64 `toml:"relation"`
	// Cooperation is the security-cooperation level the pair gains.
	Cooperation float64 `toml:"cooperation"`
	// Arms is the arms stock the buyer gains, in capability units.
	Arms float64 `toml:"arms"`
	// Revenue is a yearly sum in USD bn (a stake in energy cooperation,
	// the price of an arms sale, which the buyer pays the seller) or, for
	// pressure, the share of the target's flow revenue a fresh push costs
	// it.
	Revenue float64 `toml:"revenue"`
	// Shift is a direct alignment step.
	Shift float64 `toml:"shift"`
	// Intensity is the change in conflict intensity.
	Intensity float64 `toml:"intensity"`
	// Pressure is the coercion level the target feels (0..1).
	Pressure float64 `toml:"pressure"`
	// Plot is the rise in coup plotting a backer causes (0..1).
	Plot float64 `toml:"plot"`
	// Influence is the raw influence weight one side gains over the other:
	// the seller over the buyer (arms_deal), the partner over the producer
	// (energy_coop: a stake is leverage), the actor over the target
	// (outreach, scaled by their cultural tie), the mediator over both
	// parties (mediate).
	Influence float64 `toml:"influence"`
	// Turns is how long a temporary effect (a cut-off, a delay) lasts.
	Turns int `toml:"turns"`
}

// ActionTable holds the effect sizes of every action kind.
type ActionTable struct {
	ArmsDeal      Effect `toml:"arms_deal"`
	CommitRoute   Effect `toml:"commit_route"`
	RivalRoute    Effect `toml:"rival_route"`
	Join          Effect `toml:"join"`
	Leave         Effect `toml:"leave"`
	Pressure      Effect `toml:"pressure"`
	Cutoff        Effect `toml:"cutoff"`
	BackCoup      Effect `toml:"back_coup"`
	SecurityCoop  Effect `toml:"security_coop"`
	EnergyCoop    Effect `toml:"energy_coop"`
	SignAgreement Effect `toml:"sign_agreement"`
	Mediate       Effect `toml:"mediate"`
	Escalate      Effect `toml:"escalate"`
	Ceasefire     Effect `toml:"ceasefire"`
	Outreach      Effect `toml:"outreach"`
	Partnership   Effect `toml:"partnership"`
}

// DefaultActions are the effect sizes used where a scenario is silent:
// each kind's defaults in the table of kinds.
func DefaultActions() ActionTable {
	var t ActionTable
	for _, k := range kinds {
		*k.effect(&t) = k.defaults
	}
	return t
}

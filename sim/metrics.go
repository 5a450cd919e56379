package sim

// AgentMetric is one quantity recorded for every agent every turn: its
// name in the output tables, in patterns, in exercises and in the
// outputs of a sensitivity analysis, its unit, what it means, and how it
// is read from the agent's recorded state.
type AgentMetric struct {
	Name        string
	Unit        string
	Description string
	Of          func(*AgentState) float64
}

// AgentMetrics lists the agent metrics in the order they are recorded
// and written. A new metric is a field of AgentState that the engine
// fills and a line here; the tables, the statistics, patterns, exercises
// and sensitivity outputs take it from this list.
var AgentMetrics = []AgentMetric{
	{"security", "index, 0 to 1", "how safe the state is from the threats around it, counting its arms, allies and guarantees",
		func(a *AgentState) float64 { return a.Security }},
	{"energy", "USD bn a year, or index 0 to 1", "energy income for a producer or transit state (see AgentSpec.EarnsIncome), the security of its supply for the others",
		func(a *AgentState) float64 { return a.Energy }},
	{"alignment", "position, -1 to +1", "where the state stands between the negative pole (-1) and the positive pole (+1)",
		func(a *AgentState) float64 { return a.Alignment }},
	{"revenue", "USD bn a year", "energy revenue: exports net of tariffs, transit fees and stakes, whatever the state's energy interest",
		func(a *AgentState) float64 { return a.Revenue }},
	{"supply_security", "index, 0 to 1", "a consumer's supply security; 0 for a state with no import demand",
		func(a *AgentState) float64 { return a.SupplySecurity }},
	{"stability", "index, 0 to 1", "how firmly the government holds power; coups are likelier below 1",
		func(a *AgentState) float64 { return a.Stability }},
	{"arms", "capability units", "the stock of imported arms",
		func(a *AgentState) float64 { return a.Arms }},
	{"utility", "utility", "the weighted sum of the state's interests plus its conflict aims",
		func(a *AgentState) float64 { return a.Utility }},
}

// AgentMetricNames are the names of AgentMetrics, in order.
func AgentMetricNames() []string {
	names := make([]string, len(AgentMetrics))
	for i, m := range AgentMetrics {
		names[i] = m.Name
	}
	return names
}

// AgentMetricNamed returns the agent metric called name.
func AgentMetricNamed(name string) (AgentMetric, bool) {
	for _, m := range AgentMetrics {
		if m.Name == name {
			return m, true
		}
	}
	return AgentMetric{}, false
}

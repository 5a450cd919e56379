package sim

import "slices"

// The facts readers of a scenario ask again and again, answered once.

// Agent returns the description of agent id, or nil if the scenario has
// no such agent.
func (s *Scenario) Agent(id string) *AgentSpec {
	for i := range s.Agents {
		if s.Agents[i].ID == id {
			return &s.Agents[i]
		}
	}
	return nil
}

// AgentName is the name agent id is shown by: its name, or its id when
// it has none or the scenario has no such agent.
func (s *Scenario) AgentName(id string) string {
	if a := s.Agent(id); a != nil && a.Name != "" {
		return a.Name
	}
	return id
}

// HasRole reports whether the agent has the role ("producer",
// "transit", ...). A nil agent has none.
func (a *AgentSpec) HasRole(role Role) bool {
	return a != nil && slices.Contains(a.Roles, role)
}

// EarnsIncome reports whether the agent's energy interest is income, in
// billion US dollars a year (a producer or transit state), rather than
// the security of its supply, an index from 0 to 1.
func (a *AgentSpec) EarnsIncome() bool {
	return a.HasRole(Producer) || a.HasRole(Transit)
}

// Labels are the names of the axis's poles, "negative pole" and
// "positive pole" where the scenario names none.
func (x Axis) Labels() (negative, positive string) {
	negative, positive = x.NegativeLabel, x.PositiveLabel
	if negative == "" {
		negative = "negative pole"
	}
	if positive == "" {
		positive = "positive pole"
	}
	return negative, positive
}

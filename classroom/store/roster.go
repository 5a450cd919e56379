package store

import "fmt"

// Players maps each held seat of session sessionID to the name of the
// player who holds it, for the pages that show who plays what.
func (s *Store) Players(sessionID int64) (map[string]string, error) {
	rows, err := s.db.Query(`SELECT seat, name FROM players WHERE session_id = ?`, sessionID)
	if err != nil {
		return nil, fmt.Errorf("session %d: reading players: %w", sessionID, err)
	}
	defer rows.Close()
	out := map[string]string{}
	for rows.Next() {
		var seat, name string
		if err := rows.Scan(&seat, &name); err != nil {
			return nil, fmt.Errorf("session %d: reading players: %w", sessionID, err)
		}
		out[seat] = name
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("session %d: reading players: %w", sessionID, err)
	}
	return out, nil
}

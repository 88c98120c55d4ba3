package history

import (
	"encoding/json"
	"testing"
	"time"
)

// t0 is the fixed clock of these tests: Wednesday 2026-03-04 18:00 UTC.
func t0() time.Time { return time.Date(2026, 3, 4, 18, 0, 0, 0, time.UTC) }

// mkRec returns a valid completed record that started at start and lasted
// min minutes.
func mkRec(id string, start time.Time, min float64) Record {
	return Record{
		Version:       CurrentVersion,
		ID:            id,
		Start:         start,
		End:           start.Add(time.Duration(min * float64(time.Minute))),
		Routine:       "desk-reset-10",
		RoutineName:   "Desk reset",
		Soreness:      "sore",
		Outcome:       OutcomeCompleted,
		StepsDone:     8,
		StepsSkipped:  1,
		StepsTotal:    9,
		ActiveSeconds: min * 60,
		PausedSeconds: 4.5,
		AreaSeconds:   map[string]float64{"calves": 60, "hamstrings": 45.5},
		Rating:        4,
	}
}

// jsonLine marshals r as one log line, for hand-made files.
func jsonLine(t testing.TB, r Record) string {
	t.Helper()
	b, err := json.Marshal(r)
	if err != nil {
		t.Fatal(err)
	}
	return string(b) + "\n"
}

func mustRead(t testing.TB, s *Store) ([]Record, []Warning) {
	t.Helper()
	recs, ws, err := s.Read()
	if err != nil {
		t.Fatalf("Read: %v", err)
	}
	return recs, ws
}

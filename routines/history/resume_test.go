package history

import "testing"

// A resumed session appends its final record under the interrupted one's
// id: the log is read as one session, the later record in its place.
func TestLatestByID(t *testing.T) {
	recs := []Record{{ID: "a", Outcome: OutcomeInterrupted}, {ID: "b"}, {ID: "a", Outcome: OutcomeQuit}, {ID: ""}, {ID: ""}}
	got := latestByID(recs)
	if len(got) != 4 || got[0].ID != "b" || got[1].ID != "a" || got[1].Outcome != OutcomeQuit {
		t.Fatalf("got %+v", got)
	}
	if one := []Record{{ID: "x"}}; len(latestByID(one)) != 1 {
		t.Error("a log without repeats changed")
	}
}

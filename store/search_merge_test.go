package store

import (
	"context"
	"fmt"
	"testing"
	"time"
)

// A registry grown one registration at a time holds many index segments; the search
// merger merges them into one, searches find the same patients, the index still
// matches the registry, and the audit chain is untouched. A merged index is left alone,
// and so is one of a few segments; a registration's segment is merged in once allowed.
func TestSearchMergerMergesTheIndexIntoOneSegment(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s := newTestStore(t)
	desk := mustUser(t, s, RoleReceptionist, "desk@clinic.test", "Dee Desk").Actor()
	register := func(i int) {
		t.Helper()
		if _, err := s.AddPatient(ctx, desk, PatientInput{FirstName: "Merge", LastName: fmt.Sprintf("Patient%03d", i),
			DateOfBirth: time.Date(1990, 1, 1, 0, 0, 0, 0, time.UTC), Sex: "other"}); err != nil {
			t.Fatal(err)
		}
	}
	segments := func() int {
		t.Helper()
		n, err := s.searchSegments(ctx, "patients_fts")
		if err != nil {
			t.Fatal(err)
		}
		return n
	}
	for i := range 300 {
		register(i)
	}
	if n := segments(); n <= 1 {
		t.Fatalf("300 registrations left %d segment(s); the test needs more", n)
	}
	// A page a step: the merge takes many steps.
	if err := s.mergeSearchIndexes(ctx, 1, 1); err != nil {
		t.Fatal(err)
	}
	if n := segments(); n != 1 {
		t.Fatalf("%d segments after the merge, want 1", n)
	}
	if worked, err := s.mergeSearchStep(ctx, "patients_fts", searchMergePages); err != nil || worked {
		t.Fatalf("a step on a merged index worked: %v, %v", worked, err)
	}
	for _, name := range []string{"patient000", "patient150", "patient299"} {
		if found, err := s.SearchPatients(ctx, desk, name, 50); err != nil || len(found) != 1 {
			t.Fatalf("%s: found %d, %v", name, len(found), err)
		}
	}
	mustRaw(t, s, `INSERT INTO patients_fts(patients_fts, rank) VALUES ('integrity-check', 1)`)

	register(300)
	if n := segments(); n != 2 {
		t.Fatalf("%d segments after one more registration, want 2", n)
	}
	if err := s.mergeSearchIndexes(ctx, searchMergeAbove, 1); err != nil || segments() != 2 {
		t.Fatalf("two segments, no more than searchMergeAbove, were merged: %d segments, %v", segments(), err)
	}
	if err := s.mergeSearchIndexes(ctx, 1, 1); err != nil || segments() != 1 {
		t.Fatalf("the new segment was not merged in: %d segments, %v", segments(), err)
	}
	if report, err := s.VerifyAudit(ctx); err != nil || !report.Intact() {
		t.Fatalf("audit after the merges: %+v, %v", report, err)
	}
}

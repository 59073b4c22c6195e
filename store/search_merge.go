package store

import (
	"context"
	"time"
)

// A full-text index grows a segment with every transaction that writes to it, and FTS5
// merges them only when enough of a size pile up: a registry built or grown one
// registration at a time ends in a dozen segments, and every search seeks the prefix in
// each. The large clinic's patient index had nine: a three-letter prefix took 89 µs to
// list its matches there and 42 µs once the segments were merged into one, and a patient
// search's p50 fell by a fifth. The search merger merges each index into one segment in
// the background, a few pages at a time, each step a write of its own through the
// writer queue, so a booking waits behind one step at most.

// searchIndexes are the full-text tables the merger keeps merged.
var searchIndexes = []string{"patients_fts", "inventory_fts"}

const (
	// searchMergeEvery is how often the merger looks at the indexes' segments.
	searchMergeEvery = 10 * time.Minute
	// searchMergeAbove is how many segments an index may hold before it is merged.
	// Registered one at a time, patients add a segment each, and FTS5 lets up to 15 pile
	// up before it merges them (one into the next, the large ones left alone). A merge
	// into one rewrites the whole index: 7 MB of log at 100,000 patients, ten times that
	// at a million. Waiting for nine segments pays it every eight or so registrations
	// instead of every four; eight small segments beside the large one cost a patient
	// search 20 µs of its 290 (p50, large clinic).
	searchMergeAbove = 8
	// searchMergePages is the most leaf pages one step writes (FTS5's 'merge' command):
	// a few milliseconds of the writer.
	searchMergePages = 64
)

// searchMerger runs mergeSearchIndexes every searchMergeEvery until the store closes.
type searchMerger struct {
	cancel context.CancelFunc
	done   chan struct{}
}

func (s *Store) startSearchMerger() *searchMerger {
	ctx, cancel := context.WithCancel(context.Background())
	m := &searchMerger{cancel: cancel, done: make(chan struct{})}
	go func() {
		defer close(m.done)
		t := time.NewTicker(searchMergeEvery)
		defer t.Stop()
		for {
			select {
			case <-ctx.Done():
				return
			case <-t.C:
				// A failed step (the store refusing writes, say) is tried again next time.
				_ = s.mergeSearchIndexes(ctx, searchMergeAbove, searchMergePages)
			}
		}
	}()
	return m
}

// close stops the merger, cancelling a merge under way, and waits for it.
func (m *searchMerger) close() {
	m.cancel()
	<-m.done
}

// MergeSearchIndexes merges each full-text index into one segment now, as the search
// merger does in the background once an index holds more than a few: a bulk import
// (the demo's) ends with it, so the first searches find one segment.
func (s *Store) MergeSearchIndexes(ctx context.Context) error {
	defer s.timed("MergeSearchIndexes")()
	return s.mergeSearchIndexes(ctx, 1, searchMergePages)
}

// mergeSearchIndexes merges each full-text index that holds more than above segments
// into one, in steps of up to pages leaf pages.
func (s *Store) mergeSearchIndexes(ctx context.Context, above, pages int) error {
	for _, index := range searchIndexes {
		segments, err := s.searchSegments(ctx, index)
		if err != nil {
			return err
		}
		if segments <= above {
			continue
		}
		// A negative 'merge' puts every segment on one level and starts merging them
		// all; positive ones carry that merge on (and not restart it when a write adds a
		// segment meanwhile) until a step finds nothing to do.
		for step := -pages; ; step = pages {
			worked, err := s.mergeSearchStep(ctx, index, step)
			if err != nil {
				return err
			}
			if !worked {
				break
			}
		}
	}
	return nil
}

// searchSegments counts an index's segments: each has at least one row in its _idx
// table.
func (s *Store) searchSegments(ctx context.Context, index string) (int, error) {
	var n int
	err := s.readers.QueryRowContext(ctx, `SELECT count(DISTINCT segid) FROM `+index+`_idx`).Scan(&n)
	return n, translate(err)
}

// mergeSearchStep runs one FTS5 'merge' of pages leaf pages on index and reports
// whether it merged anything: FTS5 then changes at least two rows.
func (s *Store) mergeSearchStep(ctx context.Context, index string, pages int) (worked bool, err error) {
	err = s.writeAlone(ctx, System("search index merge"), func(tx *Tx) error {
		var before, after int64
		if err := tx.q().QueryRowContext(ctx, `SELECT total_changes()`).Scan(&before); err != nil {
			return translate(err)
		}
		if _, err := tx.exec(ctx, `INSERT INTO `+index+`(`+index+`, rank) VALUES ('merge', ?)`, pages); err != nil {
			return err
		}
		if err := tx.q().QueryRowContext(ctx, `SELECT total_changes()`).Scan(&after); err != nil {
			return translate(err)
		}
		worked = after-before >= 2
		return nil
	})
	return worked, err
}

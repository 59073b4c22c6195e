package store

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"fmt"
	"regexp"
	"strings"
)

// An erasure takes a patient's identifying text out of the audit trail without breaking
// its chain. A value (old_values, new_values) becomes {"erased_sha256":"<digest>"}: the
// seal covers each value only through that digest (sealer.valueDigest), so the row's seal
// still holds. The actor's name is covered as text, so a row the patient wrote through
// their own login keeps its name until the erasure replaces it with
// {"erased_sha256":"<digest>","seal":"m1:<MAC>"}: the MAC, under the clinic's key, is
// the erasure's seal over the row with the name's digest and over the seal the row had,
// made only after that seal was checked. A row of the unkeyed chain of versions 5 and 6,
// whose hash covers the values themselves, is vouched for the same way when any of its
// values is erased. audit_log_no_update lets a sealed row change only so.

// erasedActorRE is the actor marker: the name's digest and the erasure's seal.
var erasedActorRE = regexp.MustCompile(`^\{"erased_sha256":"([0-9a-f]{64})","seal":"(m1:[0-9a-f]{64})"\}$`)

// erasedActorMark is a parsed actor marker.
type erasedActorMark struct {
	digest []byte
	seal   string
}

// erasedActor parses an actor marker; nil when the name is not one.
func erasedActor(name sql.NullString) *erasedActorMark {
	if !name.Valid || !strings.HasPrefix(name.String, `{"erased_sha256":`) {
		return nil
	}
	m := erasedActorRE.FindStringSubmatch(name.String)
	if m == nil {
		return nil
	}
	d, _ := hex.DecodeString(m[1])
	return &erasedActorMark{digest: d, seal: m[2]}
}

// erasureDomain separates the erasure's seals from the chain's.
const erasureDomain = "clinicdesk audit erased m1\x00"

// holds reports whether the row's seal (hash, linking to prev) is good: the chain's
// keyed seal, or for a row whose actor was erased, the erasure's seal over the row as
// it was and that hash.
func (s *sealer) holds(prev, hash string, r auditRow) bool {
	if a := erasedActor(r.ActorName); a != nil {
		return s.sum(erasureDomain, prev+"\x00"+hash, r, a.digest) == a.seal
	}
	return s.seal(prev, r) == hash
}

// digestOf is what the seal covers of a value: sha256(0) for NULL, sha256(1 ‖ text).
func digestOf(v sql.NullString) []byte {
	return appendValuesDigest(sha256.New(), nil, []byte(v.String), v.Valid)
}

// valueMarker is the erasure marker of a value: its digest, or the digest a marker
// already holds.
func valueMarker(v sql.NullString) string {
	if v.Valid && erasedValue.MatchString(v.String) {
		return v.String
	}
	return fmt.Sprintf(`{"erased_sha256":"%x"}`, digestOf(v))
}

// auditScrub says which of a row's parts an erasure takes out.
type auditScrub struct {
	actor  bool // the actor's name (the patient's own login wrote the row)
	values bool // both values, whatever they hold
	// names: a value is taken out when it holds any of these (case-insensitive);
	// with values, unused.
	names []string
}

// scrubbedRowsQuery reads the sealed audit rows meeting where, in the chain's order.
func scrubbedRowsQuery(where string) string {
	return `SELECT ` + auditRowColumns + `, ` + sealColumns + `, values_digest FROM audit_log WHERE ` + sealed("hash") + ` AND (` + where + `) ORDER BY id`
}

// scrubAuditRows replaces the chosen parts of the audit rows matched by where (a
// condition on audit_log, with args) by erasure markers, and returns how many rows
// changed. It runs after the transaction sealed its own rows, so it scrubs them too.
// A row whose seal does not hold is refused rather than vouched for.
func scrubAuditRows(ctx context.Context, tx *Tx, sl *sealer, scrub auditScrub, where string, args ...any) (int, error) {
	rows, err := tx.query(ctx, scrubbedRowsQuery(where), args...)
	if err != nil {
		return 0, fmt.Errorf("erase audit values: %w", err)
	}
	type change struct {
		id                    int64
		actor, oldVal, newVal sql.NullString
	}
	var changes []change
	lowered := make([]string, 0, len(scrub.names))
	for _, n := range scrub.names {
		if n = strings.ToLower(strings.TrimSpace(n)); n != "" {
			lowered = append(lowered, n)
		}
	}
	names := func(v sql.NullString) bool {
		if scrub.values {
			return v.Valid
		}
		text := strings.ToLower(v.String)
		for _, n := range lowered {
			if strings.Contains(text, n) {
				return true
			}
		}
		return false
	}
	for rows.Next() {
		var r auditRow
		var prevHash, hash sql.NullString
		if err := rows.Scan(append(r.fields(), &prevHash, &hash, &r.ValuesDigest)...); err != nil {
			rows.Close()
			return 0, fmt.Errorf("erase audit values: %w", err)
		}
		c := change{id: r.ID, actor: r.ActorName, oldVal: r.OldValues, newVal: r.NewValues}
		if names(r.OldValues) {
			c.oldVal = sql.NullString{String: valueMarker(r.OldValues), Valid: true}
		}
		if names(r.NewValues) {
			c.newVal = sql.NullString{String: valueMarker(r.NewValues), Valid: true}
		}
		keyed := strings.HasPrefix(hash.String, macPrefix)
		valuesChanged := c.oldVal != r.OldValues || c.newVal != r.NewValues
		needsSeal := scrub.actor || !keyed && valuesChanged
		if needsSeal && erasedActor(r.ActorName) == nil {
			good := keyed && sl.seal(prevHash.String, r) == hash.String || !keyed && chainHash(prevHash.String, r) == hash.String
			if !good {
				rows.Close()
				return 0, fmt.Errorf("audit row %d does not match its seal, so the erasure will not vouch for it: run `clinicdesk audit verify`", r.ID)
			}
			d := digestOf(r.ActorName)
			c.actor = sql.NullString{Valid: true, String: fmt.Sprintf(`{"erased_sha256":"%x","seal":"%s"}`,
				d, sl.sum(erasureDomain, prevHash.String+"\x00"+hash.String, r, d))}
		}
		if c.actor != r.ActorName || valuesChanged {
			changes = append(changes, c)
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return 0, fmt.Errorf("erase audit values: %w", translate(err))
	}
	for _, c := range changes {
		if _, err := tx.exec(ctx, `UPDATE audit_log SET actor_name = ?, old_values = ?, new_values = ? WHERE id = ?`,
			c.actor, c.oldVal, c.newVal, c.id); err != nil {
			return 0, fmt.Errorf("erase audit row %d: %w", c.id, err)
		}
	}
	return len(changes), nil
}

package store

import (
	"context"
	"database/sql"
	"errors"
	"strings"
	"time"

	"golang.org/x/crypto/ssh"
)

// SSHKey is a public key that lets a user open the desk over SSH.
type SSHKey struct {
	ID          int64
	UserID      int64
	PublicKey   string // the authorized_keys line without its comment
	Fingerprint string // SHA256:… as ssh-keygen -l prints it
	Comment     string
	CreatedAt   time.Time
}

const sshKeyColumns = `id, user_id, public_key, fingerprint, comment, created_at`

func scanSSHKey(row interface{ Scan(...any) error }) (SSHKey, error) {
	var k SSHKey
	var created string
	if err := row.Scan(&k.ID, &k.UserID, &k.PublicKey, &k.Fingerprint, &k.Comment, &created); err != nil {
		return SSHKey{}, err
	}
	k.CreatedAt = parseTime(created)
	return k, nil
}

// parseAuthorizedKey reads one authorized_keys line ("ssh-ed25519 AAAA… comment").
func parseAuthorizedKey(line string) (key, fingerprint, comment string, err error) {
	pub, comment, _, _, perr := ssh.ParseAuthorizedKey([]byte(strings.TrimSpace(line)))
	if perr != nil {
		return "", "", "", invalid("public_key",
			"The public key must be one line as in authorized_keys, such as \"ssh-ed25519 AAAA… name@laptop\".")
	}
	key = strings.TrimSpace(string(ssh.MarshalAuthorizedKey(pub)))
	return key, ssh.FingerprintSHA256(pub), strings.TrimSpace(comment), nil
}

// AddSSHKey lets the user log in over SSH with the key in authorizedKeyLine. A key
// belongs to one account only.
func (s *Store) AddSSHKey(ctx context.Context, actor Actor, userID int64, authorizedKeyLine string) (SSHKey, error) {
	defer s.timed("AddSSHKey")()
	if err := s.allow(ctx, actor, ActManageUsers); err != nil {
		return SSHKey{}, err
	}
	key, fp, comment, err := parseAuthorizedKey(authorizedKeyLine)
	if err != nil {
		return SSHKey{}, err
	}
	var id int64
	err = s.write(ctx, actor, func(tx *Tx) error {
		return tx.addSSHKey(ctx, userID, key, fp, comment, &id)
	})
	if err != nil {
		return SSHKey{}, err
	}
	return scanSSHKey(s.readers.QueryRowContext(ctx, `SELECT `+sshKeyColumns+` FROM user_ssh_keys WHERE id = ?`, id))
}

func (t *Tx) addSSHKey(ctx context.Context, userID int64, key, fp, comment string, id *int64) error {
	if err := t.allow(ActManageUsers); err != nil {
		return err
	}
	var exists int
	if err := t.queryRow(ctx, `SELECT count(*) FROM users WHERE id = ?`, userID).Scan(&exists); err != nil {
		return translate(err)
	}
	if exists == 0 {
		return notFound("user")
	}
	var err error
	*id, err = t.insert(ctx, `INSERT INTO user_ssh_keys(user_id, public_key, fingerprint, comment) VALUES (?, ?, ?, ?)`,
		userID, key, fp, comment)
	var c *ConflictError
	if errors.As(err, &c) && c.Rule == "unique_fingerprint" {
		return invalid("public_key", "This key is already registered to an account.")
	}
	return err
}

// RemoveSSHKey removes one of a user's keys; SSH logins with it stop at once.
func (s *Store) RemoveSSHKey(ctx context.Context, actor Actor, keyID int64) error {
	defer s.timed("RemoveSSHKey")()
	return s.write(ctx, actor, func(tx *Tx) error {
		if err := tx.allow(ActManageUsers); err != nil {
			return err
		}
		res, err := tx.exec(ctx, `DELETE FROM user_ssh_keys WHERE id = ?`, keyID)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return notFound("SSH key")
		}
		return nil
	})
}

// SSHKeys lists a user's keys, oldest first. Users may list their own.
func (s *Store) SSHKeys(ctx context.Context, actor Actor, userID int64) ([]SSHKey, error) {
	defer s.timed("SSHKeys")()
	if actor.ID != userID || actor.ID == 0 {
		if err := s.allow(ctx, actor, ActReadUsers); err != nil {
			return nil, err
		}
	}
	rows, err := s.readers.QueryContext(ctx, `SELECT `+sshKeyColumns+` FROM user_ssh_keys
		WHERE user_id = ? ORDER BY id LIMIT 100`, userID)
	if err != nil {
		return nil, translate(err)
	}
	defer rows.Close()
	var keys []SSHKey
	for rows.Next() {
		k, err := scanSSHKey(rows)
		if err != nil {
			return nil, translate(err)
		}
		keys = append(keys, k)
	}
	return keys, translate(rows.Err())
}

// UserBySSHKey finds the active account that owns the key with this fingerprint
// (ssh.FingerprintSHA256), for the SSH server's public-key check. An unknown key and a
// deactivated account both return ErrNotFound.
func (s *Store) UserBySSHKey(ctx context.Context, fingerprint string) (User, error) {
	defer s.timed("UserBySSHKey")()
	u, err := scanUser(s.readers.QueryRowContext(ctx, `SELECT `+prefixed("u.", userColumns)+`
		FROM user_ssh_keys k JOIN users u ON u.id = k.user_id
		WHERE k.fingerprint = ? AND u.active = 1`, fingerprint))
	if errors.Is(err, sql.ErrNoRows) {
		return User{}, notFound("account with this key")
	}
	return u, translate(err)
}

// prefixed qualifies each column of a column list with a table alias.
func prefixed(alias, columns string) string {
	parts := strings.Split(columns, ", ")
	for i, p := range parts {
		parts[i] = alias + p
	}
	return strings.Join(parts, ", ")
}

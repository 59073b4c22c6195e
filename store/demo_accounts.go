package store

import (
	"context"
)

// DemoAccount is one account of a demo clinic, shown on its login screen.
type DemoAccount struct {
	Email    string
	FullName string
	Role     Role
}

// DemoAccounts lists one account per role, and the shared password, when the file is a
// demo clinic (its settings hold the demo password); for a real clinic it returns
// nothing, so a login screen never lists a real clinic's accounts.
func (s *Store) DemoAccounts(ctx context.Context) (password string, accounts []DemoAccount, err error) {
	defer s.timed("DemoAccounts")()
	set, err := s.Settings(ctx)
	if err != nil || set.DemoPassword == "" {
		return "", nil, err
	}
	rows, err := s.readers.QueryContext(ctx, `SELECT email, full_name, role FROM users
		WHERE active AND id IN (SELECT min(id) FROM users WHERE active GROUP BY role)
		ORDER BY CASE role WHEN 'receptionist' THEN 1 WHEN 'doctor' THEN 2 WHEN 'pharmacist' THEN 3
		WHEN 'admin' THEN 4 ELSE 5 END`)
	if err != nil {
		return "", nil, translate(err)
	}
	defer rows.Close()
	for rows.Next() {
		var a DemoAccount
		var role string
		if err := rows.Scan(&a.Email, &a.FullName, &role); err != nil {
			return "", nil, translate(err)
		}
		a.Role = Role(role)
		accounts = append(accounts, a)
	}
	return set.DemoPassword, accounts, translate(rows.Err())
}

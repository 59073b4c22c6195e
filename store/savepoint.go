package store

import "context"

// inSavepoint runs fn inside a savepoint named name, so that if fn fails, what it wrote
// is undone and the transaction goes on.
func (t *Tx) inSavepoint(ctx context.Context, name string, fn func() error) error {
	return t.savepoint(ctx, name, false, fn)
}

// tryUndone runs fn inside a savepoint named name and undoes what it wrote, whatever
// came of it: it tells what fn would do.
func (t *Tx) tryUndone(ctx context.Context, name string, fn func() error) error {
	return t.savepoint(ctx, name, true, fn)
}

func (t *Tx) savepoint(ctx context.Context, name string, undo bool, fn func() error) error {
	if _, err := t.exec(ctx, "SAVEPOINT "+name); err != nil {
		return err
	}
	err := fn()
	if err != nil || undo {
		if _, rerr := t.exec(ctx, "ROLLBACK TO "+name); rerr != nil {
			return rerr
		}
	}
	if _, rerr := t.exec(ctx, "RELEASE "+name); rerr != nil {
		return rerr
	}
	return err
}

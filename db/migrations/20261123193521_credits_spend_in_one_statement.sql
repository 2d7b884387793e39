-- Spending credits is the hot path of usage billing (every API call of an operator's app), and on
-- a small machine each round trip to the database costs more than the work itself. These two
-- functions do a whole spend in one statement; they are the only place spending is implemented
-- (src/modules/credits calls them for consumption and deductions alike). They write the ledger's
-- tables and the outbox exactly as postEntry and recordEvents would — see docs/ARCHITECTURE.md.

-- Tells a customer's low-balance threshold the balance after a change: crossing below it records one
-- credits.low_balance event; rising back to it re-arms it. Nothing happens without a threshold.
CREATE FUNCTION credits_note_balance(p_customer uuid, p_unit text, p_balance bigint, p_at timestamptz)
RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  crossed record;
BEGIN
  UPDATE credit_thresholds t SET below = (p_balance < t.threshold), updated_at = p_at
   WHERE t.customer_id = p_customer AND t.unit = p_unit AND t.below <> (p_balance < t.threshold)
  RETURNING t.threshold, t.below INTO crossed;
  IF crossed.below THEN
    INSERT INTO outbox_events (type, entity_type, entity_id, payload, occurred_at)
    VALUES ('credits.low_balance', 'customer', p_customer,
            jsonb_build_object('customerId', p_customer, 'unit', p_unit,
                               'balance', p_balance::text, 'threshold', crossed.threshold::text),
            p_at);
  END IF;
END $$;
--> statement-breakpoint

-- Spends p_amount of a customer's credits in p_unit at p_at (their time): a subscription's period
-- credits first, then the rest oldest first, skipping what has expired. The grants' ledger accounts
-- are locked in id order first — postEntry's order — so spends on one customer queue and none can
-- deadlock with an entry. Not enough: nothing is written, spent is false, balance is what there is.
-- Enough: one journal entry (the grants drawn on against p_operator_key), the cached balances, the
-- emptied grants closed, the threshold told; spent is true, balance is what is left.
CREATE FUNCTION credits_spend(
  p_customer uuid, p_unit text, p_amount bigint, p_at timestamptz, p_now timestamptz,
  p_kind text, p_description text, p_operator_key text
) RETURNS TABLE (spent boolean, balance bigint, entry_id uuid) LANGUAGE plpgsql AS $$
DECLARE
  lot record;
  locked uuid[];
  wanted bigint := p_amount;
  available bigint := 0;
  take bigint;
  account_ids uuid[] := '{}';
  takes bigint[] := '{}';
  emptied uuid[] := '{}';
  operator_id uuid;
  new_entry uuid;
BEGIN
  SELECT coalesce(array_agg(id), '{}') INTO locked FROM (
    SELECT a.id FROM ledger_accounts a JOIN credit_grants g ON g.account_key = a.key
     WHERE g.customer_id = p_customer AND g.unit = p_unit AND g.closed_at IS NULL
     ORDER BY a.id FOR UPDATE OF a) l;
  -- A new statement: it sees every balance as the spends this one waited for left it. Only the
  -- accounts locked above are spent (a grant made meanwhile waits for the next spend).
  FOR lot IN
    SELECT g.id AS grant_id, a.id AS account_id, a.balance AS left_over
      FROM credit_grants g JOIN ledger_accounts a ON a.key = g.account_key
     WHERE a.id = ANY(locked) AND g.closed_at IS NULL
       AND a.balance > 0 AND (g.expires_at IS NULL OR g.expires_at > p_at)
     ORDER BY g.spend_tier, g.granted_at, g.id
  LOOP
    available := available + lot.left_over;
    IF wanted > 0 THEN
      take := LEAST(lot.left_over, wanted);
      wanted := wanted - take;
      account_ids := account_ids || lot.account_id;
      takes := takes || take;
      IF take = lot.left_over THEN emptied := emptied || lot.grant_id; END IF;
    END IF;
  END LOOP;
  IF available < p_amount THEN
    RETURN QUERY SELECT false, available, NULL::uuid;
    RETURN;
  END IF;

  SELECT id INTO operator_id FROM ledger_accounts WHERE key = p_operator_key;
  IF operator_id IS NULL THEN
    INSERT INTO ledger_accounts (key, owner_kind, owner_id, purpose, unit, allow_negative, created_at)
    VALUES (p_operator_key, 'operator', NULL, split_part(p_operator_key, ':', 2), p_unit, true, p_now)
    ON CONFLICT (key) DO NOTHING;
    SELECT id INTO operator_id FROM ledger_accounts WHERE key = p_operator_key;
  END IF;
  INSERT INTO ledger_entries (kind, description, occurred_at, created_at)
  VALUES (p_kind, p_description, p_at, p_now) RETURNING id INTO new_entry;
  INSERT INTO ledger_lines (entry_id, line_no, account_id, amount, unit)
  SELECT new_entry, (t.n - 1)::int, t.account_id, -t.take, p_unit
    FROM unnest(account_ids, takes) WITH ORDINALITY AS t(account_id, take, n)
  UNION ALL
  SELECT new_entry, cardinality(account_ids), operator_id, p_amount, p_unit;
  UPDATE ledger_accounts a SET balance = a.balance - t.take
    FROM unnest(account_ids, takes) AS t(account_id, take) WHERE a.id = t.account_id;
  UPDATE credit_grants SET closed_at = p_at WHERE id = ANY(emptied);
  PERFORM credits_note_balance(p_customer, p_unit, available - p_amount, p_at);
  RETURN QUERY SELECT true, available - p_amount, new_entry;
END $$;

-- sqlite_schema.sql - the SQLite peer of a backoffice store, for tests/bench/run.
-- One table per CSV export (columns as the export names them), and the same
-- indexes backoffice keeps (ix_*.db): staff and customers by name, movements
-- by item, invoices by number, customer and the invoice a credit note
-- corrects, payments by invoice. Same durability as backoffice: WAL with
-- synchronous=FULL (a commit is on disk when it returns).
-- Amounts and quantities are exactly as in the CSV (REAL affinity); the
-- queries work in integer cents (round(x * 100)) so totals agree to the cent.
-- Empty CSV cells load as '' (not NULL), as .import does.
PRAGMA journal_mode = WAL;
PRAGMA synchronous = FULL;

CREATE TABLE staff (
	id INTEGER PRIMARY KEY, name TEXT NOT NULL, nif TEXT, department TEXT,
	position TEXT, manager INTEGER, hire_date TEXT, end_date TEXT, status TEXT,
	salary REAL, email TEXT, phone TEXT
);
CREATE INDEX ix_staff_name ON staff(name);

CREATE TABLE customers (
	id INTEGER PRIMARY KEY, name TEXT NOT NULL, nif TEXT, address TEXT,
	email TEXT, phone TEXT, payment_terms_days INTEGER, credit_limit REAL, notes TEXT
);
CREATE INDEX ix_customer_name ON customers(name);

CREATE TABLE items (
	sku TEXT PRIMARY KEY, description TEXT, unit TEXT, price REAL, cost REAL,
	vat_rate INTEGER, on_hand REAL, reorder_level REAL, location TEXT
);

CREATE TABLE moves (
	item TEXT NOT NULL, date TEXT, kind TEXT, quantity REAL, reference TEXT,
	user TEXT, reason TEXT
);
CREATE INDEX ix_move_item ON moves(item);

-- invoices and credit notes (series R, negative totals, corrects = the
-- number of the invoice they correct)
CREATE TABLE invoices (
	number TEXT NOT NULL UNIQUE, series TEXT, customer_id INTEGER,
	customer_name TEXT, issue_date TEXT, due_date TEXT, status TEXT,
	base REAL, vat REAL, total REAL, paid REAL, credited REAL, balance REAL,
	corrects TEXT
);
CREATE INDEX ix_invoice_customer ON invoices(customer_id);
CREATE INDEX ix_invoice_corrects ON invoices(corrects);

-- backoffice keeps the lines inside the invoice record; here they are a
-- table clustered on (number, line), so an invoice's lines sit together
CREATE TABLE lines (
	number TEXT NOT NULL, customer_id INTEGER, issue_date TEXT, due_date TEXT,
	status TEXT, corrects TEXT, line INTEGER NOT NULL, sku TEXT, description TEXT,
	quantity REAL, unit_price REAL, discount_pct REAL, vat_rate INTEGER,
	base REAL, vat REAL,
	PRIMARY KEY (number, line)
) WITHOUT ROWID;

CREATE TABLE payments (
	id INTEGER PRIMARY KEY, invoice TEXT NOT NULL, date TEXT, amount REAL,
	method TEXT, reference TEXT
);
CREATE INDEX ix_payment_invoice ON payments(invoice);

-- what every backoffice write appends in the same transaction (not in the
-- CSV exports, so it starts empty; the writers' benchmark fills it)
CREATE TABLE audit (
	id INTEGER PRIMARY KEY, at TEXT, user TEXT, op TEXT, tbl TEXT, key TEXT,
	changes TEXT
);

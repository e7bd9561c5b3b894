CREATE TABLE "data_versions" (
	"tenant_id" uuid PRIMARY KEY NOT NULL,
	"version" bigint DEFAULT 0 NOT NULL
);
--> statement-breakpoint
-- Advances the version of the tenant a changed row belongs to, once per tenant and transaction, as
-- the transaction commits (a deferred trigger: the version's row is locked only while committing,
-- so writers never wait on it while holding other locks).
CREATE FUNCTION advance_data_version() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  tenant uuid;
  done text := coalesce(current_setting('motesplats.advanced_versions', true), '');
BEGIN
  IF TG_TABLE_NAME = 'tenants' THEN
    IF TG_OP = 'DELETE' THEN tenant := OLD.id; ELSE tenant := NEW.id; END IF;
  ELSE
    IF TG_OP = 'DELETE' THEN tenant := OLD.tenant_id; ELSE tenant := NEW.tenant_id; END IF;
  END IF;
  IF position(tenant::text IN done) > 0 THEN
    RETURN NULL;
  END IF;
  INSERT INTO data_versions (tenant_id, version) VALUES (tenant, 1)
    ON CONFLICT (tenant_id) DO UPDATE SET version = data_versions.version + 1;
  PERFORM set_config('motesplats.advanced_versions', done || tenant::text || ' ', true);
  RETURN NULL;
END $$;
--> statement-breakpoint
-- Every table but those no visitor's page is made from (src/platform/http/render-cache.ts names
-- them, and a test holds the two lists together).
DO $$
DECLARE t text;
BEGIN
  FOR t IN SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename NOT IN (
    'data_versions', 'sessions', 'rate_limits', 'jobs', 'dev_outbox', 'oidc_flows', 'parked_forms', 'digests',
    'notifications', 'email_tokens', 'audit_log', 'form_submissions', 'calendar_keys'
  ) LOOP
    EXECUTE format('CREATE CONSTRAINT TRIGGER data_version AFTER INSERT OR UPDATE OR DELETE ON %I DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION advance_data_version()', t);
  END LOOP;
END $$;

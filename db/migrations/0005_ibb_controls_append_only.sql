CREATE TRIGGER ibb_communique_approvals_append_only BEFORE UPDATE OR DELETE ON ibb_communique_approvals FOR EACH ROW EXECUTE FUNCTION accord_append_only();

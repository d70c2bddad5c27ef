CREATE TYPE "public"."ibb_check_kind" AS ENUM('fist_to_five', 'thumbs');--> statement-breakpoint
CREATE TYPE "public"."ibb_phase" AS ENUM('ground_rules', 'issues', 'interests', 'options', 'criteria', 'evaluation', 'consensus', 'single_text', 'agreement');--> statement-breakpoint
CREATE TYPE "public"."ibb_session_role" AS ENUM('team_member', 'chief_spokesperson', 'facilitator', 'observer', 'note_taker', 'ta_drafter');--> statement-breakpoint
CREATE TABLE "ibb_caucus_calls" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"session_id" uuid NOT NULL,
	"party" "party" NOT NULL,
	"called_by" uuid NOT NULL,
	"called_at" timestamp with time zone DEFAULT now() NOT NULL,
	"until" timestamp with time zone NOT NULL,
	"ended_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "ibb_caucus_invites" (
	"session_id" uuid NOT NULL,
	"party" "party" NOT NULL,
	"invited_by" uuid NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"withdrawn_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "ibb_consensus_answers" (
	"check_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"party" "party" NOT NULL,
	"value" integer NOT NULL,
	"concern" text,
	"answered_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "ibb_answers_value" CHECK ("ibb_consensus_answers"."value" between 0 and 5)
);
--> statement-breakpoint
CREATE TABLE "ibb_consensus_checks" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"session_id" uuid NOT NULL,
	"subject" text NOT NULL,
	"question" text NOT NULL,
	"kind" "ibb_check_kind" NOT NULL,
	"threshold" integer NOT NULL,
	"round" integer DEFAULT 1 NOT NULL,
	"previous_check_id" uuid,
	"opened_by" uuid NOT NULL,
	"opened_at" timestamp with time zone DEFAULT now() NOT NULL,
	"revealed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "ibb_participants" (
	"session_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"party" "party" NOT NULL,
	"role" "ibb_session_role" NOT NULL,
	"is_signer" boolean DEFAULT false NOT NULL,
	"added_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "ibb_sessions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"partnership_id" uuid NOT NULL,
	"title" text NOT NULL,
	"starts_on" text,
	"ends_on" text,
	"impasse_procedure" text DEFAULT '' NOT NULL,
	"consensus_threshold" integer DEFAULT 3 NOT NULL,
	"labor_quorum" integer DEFAULT 1 NOT NULL,
	"management_quorum" integer DEFAULT 1 NOT NULL,
	"phase" "ibb_phase" DEFAULT 'ground_rules' NOT NULL,
	"is_locked" boolean DEFAULT false NOT NULL,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "ibb_ta_initials" (
	"ta_id" uuid NOT NULL,
	"party" "party" NOT NULL,
	"user_id" uuid NOT NULL,
	"text_hash" text NOT NULL,
	"initialed_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "ibb_ta_ratifications" (
	"ta_id" uuid NOT NULL,
	"party" "party" NOT NULL,
	"outcome" text NOT NULL,
	"recorded_by" uuid NOT NULL,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "ibb_tentative_agreements" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"session_id" uuid NOT NULL,
	"subject" text NOT NULL,
	"title" text NOT NULL,
	"text" text NOT NULL,
	"text_hash" text NOT NULL,
	"is_contingent" boolean DEFAULT false NOT NULL,
	"supersedes_id" uuid,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"frozen_at" timestamp with time zone,
	"superseded_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "ibb_caucus_calls" ADD CONSTRAINT "ibb_caucus_calls_session_id_ibb_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."ibb_sessions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ibb_caucus_calls" ADD CONSTRAINT "ibb_caucus_calls_called_by_users_id_fk" FOREIGN KEY ("called_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ibb_caucus_invites" ADD CONSTRAINT "ibb_caucus_invites_session_id_ibb_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."ibb_sessions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ibb_caucus_invites" ADD CONSTRAINT "ibb_caucus_invites_invited_by_users_id_fk" FOREIGN KEY ("invited_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ibb_consensus_answers" ADD CONSTRAINT "ibb_consensus_answers_check_id_ibb_consensus_checks_id_fk" FOREIGN KEY ("check_id") REFERENCES "public"."ibb_consensus_checks"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ibb_consensus_answers" ADD CONSTRAINT "ibb_consensus_answers_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ibb_consensus_checks" ADD CONSTRAINT "ibb_consensus_checks_session_id_ibb_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."ibb_sessions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ibb_consensus_checks" ADD CONSTRAINT "ibb_consensus_checks_opened_by_users_id_fk" FOREIGN KEY ("opened_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ibb_participants" ADD CONSTRAINT "ibb_participants_session_id_ibb_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."ibb_sessions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ibb_participants" ADD CONSTRAINT "ibb_participants_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ibb_sessions" ADD CONSTRAINT "ibb_sessions_partnership_id_partnerships_id_fk" FOREIGN KEY ("partnership_id") REFERENCES "public"."partnerships"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ibb_sessions" ADD CONSTRAINT "ibb_sessions_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ibb_ta_initials" ADD CONSTRAINT "ibb_ta_initials_ta_id_ibb_tentative_agreements_id_fk" FOREIGN KEY ("ta_id") REFERENCES "public"."ibb_tentative_agreements"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ibb_ta_initials" ADD CONSTRAINT "ibb_ta_initials_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ibb_ta_ratifications" ADD CONSTRAINT "ibb_ta_ratifications_ta_id_ibb_tentative_agreements_id_fk" FOREIGN KEY ("ta_id") REFERENCES "public"."ibb_tentative_agreements"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ibb_ta_ratifications" ADD CONSTRAINT "ibb_ta_ratifications_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ibb_tentative_agreements" ADD CONSTRAINT "ibb_tentative_agreements_session_id_ibb_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."ibb_sessions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ibb_tentative_agreements" ADD CONSTRAINT "ibb_tentative_agreements_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "ibb_caucus_invites_idx" ON "ibb_caucus_invites" USING btree ("session_id","party");--> statement-breakpoint
CREATE UNIQUE INDEX "ibb_answers_key" ON "ibb_consensus_answers" USING btree ("check_id","user_id");--> statement-breakpoint
CREATE INDEX "ibb_checks_session_idx" ON "ibb_consensus_checks" USING btree ("session_id");--> statement-breakpoint
CREATE UNIQUE INDEX "ibb_participants_key" ON "ibb_participants" USING btree ("session_id","user_id");--> statement-breakpoint
CREATE INDEX "ibb_sessions_partnership_idx" ON "ibb_sessions" USING btree ("partnership_id");--> statement-breakpoint
CREATE UNIQUE INDEX "ibb_ta_initials_key" ON "ibb_ta_initials" USING btree ("ta_id","party");--> statement-breakpoint
CREATE UNIQUE INDEX "ibb_ta_ratifications_key" ON "ibb_ta_ratifications" USING btree ("ta_id","party");--> statement-breakpoint
CREATE INDEX "ibb_tas_session_idx" ON "ibb_tentative_agreements" USING btree ("session_id");
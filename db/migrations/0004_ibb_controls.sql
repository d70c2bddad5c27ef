CREATE TABLE "ibb_communique_approvals" (
	"communique_id" uuid NOT NULL,
	"party" "party" NOT NULL,
	"user_id" uuid NOT NULL,
	"text_hash" text NOT NULL,
	"approved_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "ibb_communiques" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"session_id" uuid NOT NULL,
	"text" text NOT NULL,
	"text_hash" text NOT NULL,
	"proposed_by" uuid NOT NULL,
	"proposed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"published_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "ibb_evaluations" (
	"session_id" uuid NOT NULL,
	"option_id" text NOT NULL,
	"target_kind" text NOT NULL,
	"target_id" text NOT NULL,
	"party" "party" NOT NULL,
	"value" integer NOT NULL,
	"updated_by" uuid NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "ibb_hands" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"session_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"raised_at" timestamp with time zone DEFAULT now() NOT NULL,
	"lowered_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "ibb_speaking_turns" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"session_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"party" "party" NOT NULL,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"ended_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "ibb_participants" ADD COLUMN "is_lead" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "ibb_sessions" ADD COLUMN "anonymity" text DEFAULT 'named' NOT NULL;--> statement-breakpoint
ALTER TABLE "ibb_sessions" ADD COLUMN "spotlight" text;--> statement-breakpoint
ALTER TABLE "ibb_sessions" ADD COLUMN "timer_ends_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "ibb_sessions" ADD COLUMN "timer_remaining_ms" integer;--> statement-breakpoint
ALTER TABLE "ibb_communique_approvals" ADD CONSTRAINT "ibb_communique_approvals_communique_id_ibb_communiques_id_fk" FOREIGN KEY ("communique_id") REFERENCES "public"."ibb_communiques"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ibb_communique_approvals" ADD CONSTRAINT "ibb_communique_approvals_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ibb_communiques" ADD CONSTRAINT "ibb_communiques_session_id_ibb_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."ibb_sessions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ibb_communiques" ADD CONSTRAINT "ibb_communiques_proposed_by_users_id_fk" FOREIGN KEY ("proposed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ibb_evaluations" ADD CONSTRAINT "ibb_evaluations_session_id_ibb_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."ibb_sessions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ibb_evaluations" ADD CONSTRAINT "ibb_evaluations_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ibb_hands" ADD CONSTRAINT "ibb_hands_session_id_ibb_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."ibb_sessions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ibb_hands" ADD CONSTRAINT "ibb_hands_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ibb_speaking_turns" ADD CONSTRAINT "ibb_speaking_turns_session_id_ibb_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."ibb_sessions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ibb_speaking_turns" ADD CONSTRAINT "ibb_speaking_turns_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "ibb_communique_approvals_key" ON "ibb_communique_approvals" USING btree ("communique_id","party");--> statement-breakpoint
CREATE UNIQUE INDEX "ibb_evaluations_key" ON "ibb_evaluations" USING btree ("session_id","option_id","target_kind","target_id","party");--> statement-breakpoint
CREATE INDEX "ibb_hands_session_idx" ON "ibb_hands" USING btree ("session_id");--> statement-breakpoint
CREATE INDEX "ibb_turns_session_idx" ON "ibb_speaking_turns" USING btree ("session_id");
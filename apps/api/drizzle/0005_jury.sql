CREATE TABLE "jury_assignments" (
	"round_id" uuid NOT NULL,
	"proposal_id" uuid NOT NULL,
	"member_id" uuid NOT NULL,
	"match_score" integer DEFAULT 0 NOT NULL,
	"shared_goals" integer[] DEFAULT '{}'::integer[] NOT NULL,
	"manual" boolean DEFAULT false NOT NULL,
	"explanation" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "jury_assignments_round_id_proposal_id_member_id_pk" PRIMARY KEY("round_id","proposal_id","member_id")
);
--> statement-breakpoint
CREATE TABLE "jury_conflicts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"challenge_id" uuid NOT NULL,
	"member_id" uuid NOT NULL,
	"proposal_id" uuid NOT NULL,
	"reason" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "jury_criteria" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"round_id" uuid NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	"name" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"weight" double precision NOT NULL,
	"scale_min" double precision DEFAULT 0 NOT NULL,
	"scale_max" double precision DEFAULT 10 NOT NULL,
	"level_descriptors" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"threshold" double precision,
	"sdg_goals" integer[] DEFAULT '{}'::integer[] NOT NULL,
	"sdg_targets" text[] DEFAULT '{}'::text[] NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "jury_decisions" (
	"challenge_id" uuid PRIMARY KEY NOT NULL,
	"winner_proposal_ids" uuid[] NOT NULL,
	"motivation" text NOT NULL,
	"decided_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "jury_members" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"challenge_id" uuid NOT NULL,
	"email" text NOT NULL,
	"user_id" uuid,
	"is_chair" boolean DEFAULT false NOT NULL,
	"sdg_expertise" integer[] DEFAULT '{}'::integer[] NOT NULL,
	"token_hash" text,
	"invited_by" uuid,
	"invitation_expires_at" timestamp with time zone NOT NULL,
	"accepted_at" timestamp with time zone,
	"removed_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "jury_round_proposals" (
	"round_id" uuid NOT NULL,
	"proposal_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "jury_round_proposals_round_id_proposal_id_pk" PRIMARY KEY("round_id","proposal_id")
);
--> statement-breakpoint
CREATE TABLE "jury_round_results" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"round_id" uuid NOT NULL,
	"result" jsonb NOT NULL,
	"inputs_hash" text NOT NULL,
	"computed_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "jury_rounds" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"challenge_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"kind" text NOT NULL,
	"name" text NOT NULL,
	"blind_review" boolean DEFAULT false NOT NULL,
	"calibrate" boolean DEFAULT false NOT NULL,
	"aggregation" text DEFAULT 'mean' NOT NULL,
	"disagreement_threshold" double precision DEFAULT 15 NOT NULL,
	"jurors_per_proposal" integer DEFAULT 3 NOT NULL,
	"max_load" integer DEFAULT 10 NOT NULL,
	"status" text DEFAULT 'setup' NOT NULL,
	"deliberation_opened_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "jury_scorecards" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"round_id" uuid NOT NULL,
	"proposal_id" uuid NOT NULL,
	"member_id" uuid NOT NULL,
	"scores" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"submitted_at" timestamp with time zone,
	"has_scores" boolean DEFAULT false NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "jury_assignments" ADD CONSTRAINT "jury_assignments_round_id_jury_rounds_id_fk" FOREIGN KEY ("round_id") REFERENCES "public"."jury_rounds"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "jury_assignments" ADD CONSTRAINT "jury_assignments_proposal_id_proposals_id_fk" FOREIGN KEY ("proposal_id") REFERENCES "public"."proposals"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "jury_assignments" ADD CONSTRAINT "jury_assignments_member_id_jury_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."jury_members"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "jury_conflicts" ADD CONSTRAINT "jury_conflicts_challenge_id_challenges_id_fk" FOREIGN KEY ("challenge_id") REFERENCES "public"."challenges"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "jury_conflicts" ADD CONSTRAINT "jury_conflicts_member_id_jury_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."jury_members"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "jury_conflicts" ADD CONSTRAINT "jury_conflicts_proposal_id_proposals_id_fk" FOREIGN KEY ("proposal_id") REFERENCES "public"."proposals"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "jury_criteria" ADD CONSTRAINT "jury_criteria_round_id_jury_rounds_id_fk" FOREIGN KEY ("round_id") REFERENCES "public"."jury_rounds"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "jury_decisions" ADD CONSTRAINT "jury_decisions_challenge_id_challenges_id_fk" FOREIGN KEY ("challenge_id") REFERENCES "public"."challenges"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "jury_decisions" ADD CONSTRAINT "jury_decisions_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "jury_members" ADD CONSTRAINT "jury_members_challenge_id_challenges_id_fk" FOREIGN KEY ("challenge_id") REFERENCES "public"."challenges"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "jury_members" ADD CONSTRAINT "jury_members_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "jury_members" ADD CONSTRAINT "jury_members_invited_by_users_id_fk" FOREIGN KEY ("invited_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "jury_round_proposals" ADD CONSTRAINT "jury_round_proposals_round_id_jury_rounds_id_fk" FOREIGN KEY ("round_id") REFERENCES "public"."jury_rounds"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "jury_round_proposals" ADD CONSTRAINT "jury_round_proposals_proposal_id_proposals_id_fk" FOREIGN KEY ("proposal_id") REFERENCES "public"."proposals"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "jury_round_results" ADD CONSTRAINT "jury_round_results_round_id_jury_rounds_id_fk" FOREIGN KEY ("round_id") REFERENCES "public"."jury_rounds"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "jury_round_results" ADD CONSTRAINT "jury_round_results_computed_by_users_id_fk" FOREIGN KEY ("computed_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "jury_rounds" ADD CONSTRAINT "jury_rounds_challenge_id_challenges_id_fk" FOREIGN KEY ("challenge_id") REFERENCES "public"."challenges"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "jury_scorecards" ADD CONSTRAINT "jury_scorecards_round_id_jury_rounds_id_fk" FOREIGN KEY ("round_id") REFERENCES "public"."jury_rounds"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "jury_scorecards" ADD CONSTRAINT "jury_scorecards_proposal_id_proposals_id_fk" FOREIGN KEY ("proposal_id") REFERENCES "public"."proposals"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "jury_scorecards" ADD CONSTRAINT "jury_scorecards_member_id_jury_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."jury_members"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "jury_assignments_member_idx" ON "jury_assignments" USING btree ("member_id");--> statement-breakpoint
CREATE UNIQUE INDEX "jury_conflicts_member_proposal_key" ON "jury_conflicts" USING btree ("member_id","proposal_id");--> statement-breakpoint
CREATE INDEX "jury_criteria_round_idx" ON "jury_criteria" USING btree ("round_id");--> statement-breakpoint
CREATE UNIQUE INDEX "jury_members_challenge_email_key" ON "jury_members" USING btree ("challenge_id","email");--> statement-breakpoint
CREATE INDEX "jury_members_user_idx" ON "jury_members" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "jury_members_token_idx" ON "jury_members" USING btree ("token_hash");--> statement-breakpoint
CREATE UNIQUE INDEX "jury_members_one_chair_key" ON "jury_members" USING btree ("challenge_id") WHERE is_chair and removed_at is null;--> statement-breakpoint
CREATE INDEX "jury_round_results_round_idx" ON "jury_round_results" USING btree ("round_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "jury_rounds_challenge_position_key" ON "jury_rounds" USING btree ("challenge_id","position");--> statement-breakpoint
CREATE UNIQUE INDEX "jury_scorecards_round_proposal_member_key" ON "jury_scorecards" USING btree ("round_id","proposal_id","member_id");
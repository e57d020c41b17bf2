CREATE TABLE "challenge_budget_lines" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"challenge_id" uuid NOT NULL,
	"portfolio" text NOT NULL,
	"amount_cents" bigint NOT NULL,
	"position" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "challenge_followers" (
	"challenge_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "challenge_followers_challenge_id_user_id_pk" PRIMARY KEY("challenge_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "challenges" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"municipality_id" uuid NOT NULL,
	"slug" text NOT NULL,
	"title" text NOT NULL,
	"summary" text DEFAULT '' NOT NULL,
	"problem_statement" text DEFAULT '' NOT NULL,
	"desired_outcome" text DEFAULT '' NOT NULL,
	"sdg_goals" integer[] DEFAULT '{}'::integer[] NOT NULL,
	"sdg_targets" text[] DEFAULT '{}'::text[] NOT NULL,
	"eligible_enterprise_kinds" text[] DEFAULT '{}'::text[] NOT NULL,
	"eligible_regions" text[] DEFAULT '{}'::text[] NOT NULL,
	"reserved_art_2_82" boolean DEFAULT false NOT NULL,
	"social_return_percent" numeric(5, 2),
	"contract_kind" text DEFAULT 'pilot_contract' NOT NULL,
	"contract_value_cents" bigint,
	"contact_name" text,
	"contact_email" text,
	"publish_at" timestamp with time zone,
	"questions_deadline" timestamp with time zone,
	"submission_deadline" timestamp with time zone,
	"decision_at" timestamp with time zone,
	"status" text DEFAULT 'draft' NOT NULL,
	"published_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"created_by" uuid,
	"search" "tsvector" GENERATED ALWAYS AS (setweight(to_tsvector('dutch', coalesce(title, '')), 'A') || setweight(to_tsvector('dutch', coalesce(summary, '')), 'B') || setweight(to_tsvector('dutch', coalesce(problem_statement, '') || ' ' || coalesce(desired_outcome, '')), 'C')) STORED,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "documents" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"owner_type" text NOT NULL,
	"owner_id" uuid NOT NULL,
	"original_name" text NOT NULL,
	"storage_key" text NOT NULL,
	"media_type" text NOT NULL,
	"size_bytes" bigint NOT NULL,
	"sha256" text NOT NULL,
	"uploaded_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "organisations" ADD COLUMN "legal_form" text;--> statement-breakpoint
ALTER TABLE "organisations" ADD COLUMN "is_social_enterprise" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "organisations" ADD COLUMN "distance_to_labour_market_percent" integer;--> statement-breakpoint
ALTER TABLE "organisations" ADD COLUMN "sdg_goals" integer[] DEFAULT '{}'::integer[] NOT NULL;--> statement-breakpoint
ALTER TABLE "organisations" ADD COLUMN "region" text;--> statement-breakpoint
ALTER TABLE "organisations" ADD COLUMN "looking_for_partners" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "organisations" ADD COLUMN "website" text;--> statement-breakpoint
ALTER TABLE "organisations" ADD COLUMN "description" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "challenge_budget_lines" ADD CONSTRAINT "challenge_budget_lines_challenge_id_challenges_id_fk" FOREIGN KEY ("challenge_id") REFERENCES "public"."challenges"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "challenge_followers" ADD CONSTRAINT "challenge_followers_challenge_id_challenges_id_fk" FOREIGN KEY ("challenge_id") REFERENCES "public"."challenges"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "challenge_followers" ADD CONSTRAINT "challenge_followers_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "challenges" ADD CONSTRAINT "challenges_municipality_id_organisations_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."organisations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "challenges" ADD CONSTRAINT "challenges_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "documents" ADD CONSTRAINT "documents_uploaded_by_users_id_fk" FOREIGN KEY ("uploaded_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "challenges_municipality_slug_key" ON "challenges" USING btree ("municipality_id","slug");--> statement-breakpoint
CREATE INDEX "challenges_status_deadline_idx" ON "challenges" USING btree ("status","submission_deadline");--> statement-breakpoint
CREATE INDEX "challenges_search_idx" ON "challenges" USING gin ("search");--> statement-breakpoint
CREATE INDEX "challenges_sdg_goals_idx" ON "challenges" USING gin ("sdg_goals");--> statement-breakpoint
CREATE INDEX "documents_owner_idx" ON "documents" USING btree ("owner_type","owner_id");
CREATE TABLE "nota_versions" (
	"challenge_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"published_at" timestamp with time zone NOT NULL,
	"published_by" uuid,
	"question_count" integer NOT NULL,
	CONSTRAINT "nota_versions_challenge_id_version_pk" PRIMARY KEY("challenge_id","version")
);
--> statement-breakpoint
CREATE TABLE "questions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"challenge_id" uuid NOT NULL,
	"enterprise_id" uuid NOT NULL,
	"asked_by" uuid,
	"text" text NOT NULL,
	"public_text" text,
	"answer" text,
	"answered_at" timestamp with time zone,
	"answered_by" uuid,
	"merged_into_id" uuid,
	"number" integer,
	"nota_version" integer,
	"published_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "account_manager_assignments" (
	"municipality_id" uuid NOT NULL,
	"enterprise_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"assigned_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "account_manager_assignments_municipality_id_enterprise_id_pk" PRIMARY KEY("municipality_id","enterprise_id")
);
--> statement-breakpoint
CREATE TABLE "routekaart_entries" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"municipality_id" uuid NOT NULL,
	"theme" text NOT NULL,
	"sdg_goals" integer[] DEFAULT '{}'::integer[] NOT NULL,
	"contact_name" text NOT NULL,
	"role_or_department" text NOT NULL,
	"email" text,
	"phone" text,
	"description" text DEFAULT '' NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "nota_versions" ADD CONSTRAINT "nota_versions_challenge_id_challenges_id_fk" FOREIGN KEY ("challenge_id") REFERENCES "public"."challenges"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "nota_versions" ADD CONSTRAINT "nota_versions_published_by_users_id_fk" FOREIGN KEY ("published_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "questions" ADD CONSTRAINT "questions_challenge_id_challenges_id_fk" FOREIGN KEY ("challenge_id") REFERENCES "public"."challenges"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "questions" ADD CONSTRAINT "questions_enterprise_id_organisations_id_fk" FOREIGN KEY ("enterprise_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "questions" ADD CONSTRAINT "questions_asked_by_users_id_fk" FOREIGN KEY ("asked_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "questions" ADD CONSTRAINT "questions_answered_by_users_id_fk" FOREIGN KEY ("answered_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "questions" ADD CONSTRAINT "questions_merged_into_id_questions_id_fk" FOREIGN KEY ("merged_into_id") REFERENCES "public"."questions"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "account_manager_assignments" ADD CONSTRAINT "account_manager_assignments_municipality_id_organisations_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "account_manager_assignments" ADD CONSTRAINT "account_manager_assignments_enterprise_id_organisations_id_fk" FOREIGN KEY ("enterprise_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "account_manager_assignments" ADD CONSTRAINT "account_manager_assignments_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "account_manager_assignments" ADD CONSTRAINT "account_manager_assignments_assigned_by_users_id_fk" FOREIGN KEY ("assigned_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "routekaart_entries" ADD CONSTRAINT "routekaart_entries_municipality_id_organisations_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "questions_challenge_number_key" ON "questions" USING btree ("challenge_id","number") WHERE "questions"."number" is not null;--> statement-breakpoint
CREATE INDEX "questions_challenge_idx" ON "questions" USING btree ("challenge_id","created_at");--> statement-breakpoint
CREATE INDEX "questions_enterprise_idx" ON "questions" USING btree ("enterprise_id");--> statement-breakpoint
CREATE INDEX "account_manager_assignments_user_idx" ON "account_manager_assignments" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "routekaart_entries_municipality_idx" ON "routekaart_entries" USING btree ("municipality_id","position");
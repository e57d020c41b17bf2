ALTER TABLE "questions" DROP CONSTRAINT "questions_enterprise_id_organisations_id_fk";
--> statement-breakpoint
ALTER TABLE "questions" ADD CONSTRAINT "questions_enterprise_id_organisations_id_fk" FOREIGN KEY ("enterprise_id") REFERENCES "public"."organisations"("id") ON DELETE restrict ON UPDATE no action;
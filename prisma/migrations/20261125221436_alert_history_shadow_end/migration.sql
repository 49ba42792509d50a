-- Alerts outlive their rule: the rule reference becomes optional (SET NULL on delete) and each
-- alert keeps the rule's name and condition as they were when it fired.
ALTER TABLE "Alert" DROP CONSTRAINT "Alert_ruleId_fkey";

ALTER TABLE "Alert" ADD COLUMN "condition" TEXT,
ADD COLUMN "metric" TEXT,
ADD COLUMN "ruleName" TEXT,
ALTER COLUMN "ruleId" DROP NOT NULL;

UPDATE "Alert" AS a
SET "ruleName" = r."name",
    "metric" = r."metric",
    "condition" = r."metric" || ' (' || r."statistic" || ' over ' || r."windowMinutes" || ' min, '
      || r."evaluationPeriods" || ' period(s)) '
      || CASE r."comparator"
           WHEN 'GREATER_THAN' THEN '>'
           WHEN 'GREATER_THAN_OR_EQUAL' THEN '>='
           WHEN 'LESS_THAN' THEN '<'
           ELSE '<='
         END || ' ' || r."threshold"
FROM "AlertRule" AS r
WHERE r."id" = a."ruleId";

ALTER TABLE "Alert" ALTER COLUMN "condition" SET NOT NULL,
ALTER COLUMN "metric" SET NOT NULL,
ALTER COLUMN "ruleName" SET NOT NULL;

ALTER TABLE "Alert" ADD CONSTRAINT "Alert_ruleId_fkey" FOREIGN KEY ("ruleId") REFERENCES "AlertRule"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- Shadow rollouts: when the worker removed the shadow variant after its stated days.
ALTER TABLE "Deployment" ADD COLUMN "shadowEndedAt" TIMESTAMPTZ(3);

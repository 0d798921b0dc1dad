-- Which activity recorded a customer event, so that its own retry is not mistaken for a re-delivered event.
ALTER TABLE "touchpoints" ADD COLUMN "recordedBy" TEXT;
